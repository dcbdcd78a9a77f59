import { z } from 'zod';
import { errorActions, errorCodes, type AppError } from './failure';

export * from './failure';

export const appErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  action: z.enum(errorActions).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
}) satisfies z.ZodType<AppError>;

