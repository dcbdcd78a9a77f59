import { z } from 'zod';
import { appError, errorActions, errorCodes, type AppError, type ErrorCode } from './app-error';

export * from './app-error';

export const appErrorSchema = z.object({
  code: z.enum(errorCodes),
  message: z.string(),
  action: z.enum(errorActions).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
}) satisfies z.ZodType<AppError>;

const isErrorCode = (value: unknown): value is ErrorCode => typeof value === 'string' && (errorCodes as readonly string[]).includes(value);

/**
 * A refused payload as an AppError: INVALID_INPUT, unless the schema's own refinement names the code
 * its refusal means (`params: { code }`, e.g. ACCESS_PROFILE_REFUSED), so every path reports it alike.
 */
export function appErrorOfZod(error: z.ZodError): AppError {
  const first = error.issues[0];
  const where = first && first.path.length > 0 ? ` (${first.path.join('.')})` : '';
  const named: unknown = first?.code === 'custom' ? first.params?.code : undefined;
  return isErrorCode(named)
    ? appError(named, first?.message ?? 'Refused.')
    : appError('INVALID_INPUT', `The request was not valid${where}: ${first?.message ?? 'unknown problem'}.`);
}
