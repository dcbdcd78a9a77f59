import { z } from 'zod';

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.string(),
  actor: z.string(),
  orgId: z.string().nullable(),
  operation: z.string(),
  result: z.enum(['success', 'failure', 'partial']),
  summary: z.string(),
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
