import { z } from 'zod';
import type { StepId } from '../../../common';
import { journalValueSchema } from '../../store/journal';

/*
 * What each step hands on (ids, names), as the journal and the connection record keep it. The journal
 * holds a step's intent until its result is known, and files written by older versions lack newer
 * keys, so every key is optional: a missing or malformed value reads as "not known",
 * never as a failure to open the file. Unknown keys are kept, so a newer file read by this version
 * loses nothing when written back.
 */

/** A value the step knows, or undefined: an empty string meant "not known" in older files. */
const text = z.string().min(1).optional().catch(undefined);
const texts = z.array(z.string()).optional().catch(undefined);
const flag = z.boolean().optional().catch(undefined);
const count = z.number().optional().catch(undefined);
/** Keys this version does not know: kept as they were journaled. */
const step = <T extends z.ZodRawShape>(shape: T) => z.object(shape).catchall(journalValueSchema);
const nothing = step({});

export const stepResultSchemas = {
  preflight: nothing,
  permissionSet: step({ id: text, name: text, adopted: flag }),
  accessGrants: step({
    createdObjectPermissionIds: texts,
    createdFieldPermissionIds: texts,
    widenedObjects: texts,
    /** The intent's names: what to look for when only the intent was journaled. */
    objects: texts,
    fields: texts,
    added: texts,
    removed: texts,
  }),
  integrationUser: step({ id: text, username: text, created: flag, reactivated: flag, deactivated: flag }),
  licence: step({ id: text, assignee: text }),
  assignment: step({ id: text, assignee: text, permissionSet: text }),
  keyPair: step({ vaultKey: text, certificatePem: text, notAfter: text }),
  app: step({ id: text, name: text, label: text, consumerKey: text, configurablePolicyName: text, oauthPolicyName: text, createdAt: text }),
  activation: step({ activatedAt: text, attempts: count }),
  verification: step({ verifiedAt: text, objects: texts, throughParentRecords: texts, refused: text }),
  removeApp: nothing,
  removeAssignment: nothing,
  removeLicence: nothing,
  deactivateUser: nothing,
  removePermissionSet: nothing,
  replaceCertificate: step({ replacedAt: text, consumerKey: text, previousCertificatePem: text }),
} satisfies Record<StepId, z.ZodType>;

/** The connection record's and the journal's artifacts, each step's entry read with that step's schema. */
export const artifactsSchema = z.object(stepResultSchemas).partial();

/** What each step of a run (or of the connection being changed) created or adopted. */
export type Artifacts = z.output<typeof artifactsSchema>;
export type StepResult<K extends StepId> = NonNullable<Artifacts[K]>;

/** A step's result or intent as journaled, read with that step's schema. */
export function resultOf<K extends StepId>(step: K, data: unknown): StepResult<K> {
  const read: Artifacts = artifactsSchema.parse({ [step]: data ?? {} });
  const result = read[step];
  if (result === undefined) throw new Error(`results: no schema for step ${step}`);
  return result;
}

/** Records `step`'s result (or intent) in `artifacts`, read with the step's schema. */
export function setResult(artifacts: Artifacts, step: StepId, data: unknown): void {
  Object.assign(artifacts, artifactsSchema.parse({ [step]: data ?? {} }));
}
