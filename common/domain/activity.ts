import { z } from 'zod';

/** How one change moved the agent's desired access: names as `Object` and `Object.Field`. */
export const accessChangeSchema = z.object({
  addedObjects: z.array(z.string()),
  removedObjects: z.array(z.string()),
  addedFields: z.array(z.string()),
  removedFields: z.array(z.string()),
  editOn: z.array(z.string()),
  editOff: z.array(z.string()),
  viewAllOn: z.array(z.string()),
  viewAllOff: z.array(z.string()),
});
export type AccessChange = z.infer<typeof accessChangeSchema>;

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  orgId: z.string().nullable(),
  operation: z.string(),
  /** `cancelled`: the admin stopped a run and what it had created was taken back (not a failure). */
  result: z.enum(['success', 'failure', 'partial', 'cancelled']),
  /** In English, for the CLI and exports; the renderer shows `summaryKey` in the admin's language when set. */
  summary: z.string(),
  /** The renderer's catalog key `activity.summaries.<summaryKey>`, filled with `params`. */
  summaryKey: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  /** Before/after of the agent's access, for changes to it. */
  access: accessChangeSchema.optional(),
  artifacts: z.array(z.string()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const exportFormats = ['json', 'csv', 'md'] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** Desktop: main asked where to save and wrote the file. Browser mode: the page downloads it. */
export const savedFileSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('saved'), path: z.string() }),
  z.object({ kind: z.literal('cancelled') }),
  z.object({ kind: z.literal('download'), fileName: z.string(), mimeType: z.string(), content: z.string() }),
]);
export type SavedFile = z.infer<typeof savedFileSchema>;
