import { z } from 'zod';
import { connectionStatuses } from './connection';

export const connectorSchema = z.discriminatedUnion('id', [
  z.object({ id: z.literal('dynamics365'), name: z.string(), status: z.literal('connected'), setupNeeded: z.literal(false) }),
  z.object({
    id: z.literal('salesforce'),
    name: z.string(),
    status: z.union([z.enum(connectionStatuses), z.literal('notSetUp')]),
    setupNeeded: z.literal(true),
  }),
]);
export type Connector = z.infer<typeof connectorSchema>;

export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  locale: z.string(),
  host: z.enum(['desktop', 'browser']),
});
export type AppInfo = z.infer<typeof appInfoSchema>;
