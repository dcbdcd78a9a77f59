import { z } from 'zod';

/**
 * Why the agent sees the records it sees (fact OWD-SOURCES), as the renderer's catalog key
 * `visibility.reasons.<key>`: View All Data or View All on the object see everything; otherwise the
 * object's org-wide default decides (a user without a role sees only what it owns when it is Private).
 */
export const visibilityReasons = [
  'viewAllData',
  'viewAllRecords',
  'public',
  'controlledByParent',
  'private',
  'throughParentRecords',
  'refused',
  'unknown',
] as const;
export type VisibilityReason = (typeof visibilityReasons)[number];

/** The smallest fix the app can make itself; a sharing rule is the admin's alternative in Setup. */
export const visibilityFixes = ['none', 'viewAllRecords'] as const;
export type VisibilityFix = (typeof visibilityFixes)[number];

export const objectVisibilitySchema = z.object({
  object: z.string(),
  /** Records the agent counts with its own token; null when its query was refused. */
  agentCanSee: z.number().int().nullable(),
  /** Records the signed-in admin counts. */
  adminCanSee: z.number().int().nullable(),
  reason: z.enum(visibilityReasons),
  /** The org-wide default as the org names it (`None`, `Read`, `Private`, `ControlledByParent`…), when known. */
  sharingModel: z.string().nullable(),
  fix: z.enum(visibilityFixes),
  /** The agent's granted fields that its own describe lists (field-level security as the agent). */
  readableFields: z.array(z.string()),
  /** The agent's granted fields its describe leaves out. */
  unreadableFields: z.array(z.string()),
  /** In English, for the CLI and logs; the renderer builds its text from the keys above. */
  message: z.string(),
});
export type ObjectVisibility = z.infer<typeof objectVisibilitySchema>;

export const visibilityReportSchema = z.object({
  checkedAt: z.string(),
  objects: z.array(objectVisibilitySchema),
});
export type VisibilityReport = z.infer<typeof visibilityReportSchema>;

const sampleValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** At most 3 records read as the agent, with only the fields it can read. Shown, never stored. */
export const visibilitySampleSchema = z.object({
  object: z.string(),
  fields: z.array(z.string()),
  records: z.array(z.record(z.string(), sampleValue)).max(3),
});
export type VisibilitySample = z.infer<typeof visibilitySampleSchema>;

export const sampleInputSchema = z
  .object({
    object: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/)
      .max(80),
  })
  .strict();
