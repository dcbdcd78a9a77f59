import { z } from 'zod';
import type { HandOver, HandOverReason } from '../../../common';
import { certificateFingerprint } from '../../agent/keys';
import type { Artifacts } from '../steps/results';

/** What identifies the credentials the agent holds: a file made for other values no longer signs in. */
export const credentialsPrintSchema = z.object({
  consumerKey: z.string(),
  /** The certificate's SHA-256 fingerprint; null where the certificate could not be read. */
  fingerprint: z.string().nullable(),
});
export type CredentialsPrint = z.infer<typeof credentialsPrintSchema>;

/** The last credentials export of an org: what the agent was given, and when. */
export const credentialsExportSchema = credentialsPrintSchema.extend({
  at: z.string(),
  /** The External Client App's Salesforce id, where the org showed it. */
  appId: z.string().optional(),
});
export type CredentialsExport = z.infer<typeof credentialsExportSchema>;

/** The parts of an org's saved state the hand-over is worked out from (record-store.ts keeps them). */
interface HandOverState {
  record: { artifacts: Artifacts; createdAt: string; lastVerifiedAt: string | null } | null;
  credentialsExport?: CredentialsExport;
  handOver?: HandOver;
  /** The credentials of the last connection there was: a rebuild removes the record before it makes the next. */
  lastCredentials?: CredentialsPrint;
}

/** The credentials a record's connection signs in with; null while it has no app or certificate. */
export function credentialsOf(artifacts: Artifacts | undefined): CredentialsPrint | null {
  const consumerKey = artifacts?.app?.consumerKey;
  const pem = artifacts?.keyPair?.certificatePem;
  if (!consumerKey || !pem) return null;
  return { consumerKey, fingerprint: certificateFingerprint(pem) };
}

/** How `now` differs from the credentials the agent holds; null when a file made for `held` still works. */
export function credentialsChange(held: CredentialsPrint, now: CredentialsPrint): HandOverReason | null {
  if (held.consumerKey !== now.consumerKey) return 'newApp';
  if (held.fingerprint !== null && now.fingerprint !== null && held.fingerprint !== now.fingerprint) return 'newCertificate';
  return null;
}

/** When the change happened: the new app's creation, or the certificate's replacement. */
function changedAt(record: NonNullable<HandOverState['record']>, reason: HandOverReason): string {
  const a = record.artifacts;
  const at = reason === 'newApp' ? a.app?.createdAt : a.replaceCertificate?.replacedAt;
  return at ?? record.lastVerifiedAt ?? record.createdAt;
}

/**
 * Whether the agent still needs new credentials after a change of the saved state. What the agent
 * holds is the last export, or, where nothing was exported on this computer, the last connection
 * there was: a first Enable owes nothing, and a rebuild or rotation owes an export until one is made.
 * Once owed, only an export of the current credentials clears it.
 */
export function handOverAfter(previous: HandOverState, next: HandOverState): Pick<HandOverState, 'handOver' | 'lastCredentials'> {
  const now = credentialsOf(next.record?.artifacts);
  const lastCredentials = now ?? credentialsOf(previous.record?.artifacts) ?? previous.lastCredentials;
  // No connection now (turned off, or between a rebuild's removal and its build): what is owed stays owed.
  if (!next.record || !now) return { handOver: previous.handOver, lastCredentials };
  const exported = next.credentialsExport;
  if (exported && credentialsChange(exported, now) === null) return { handOver: undefined, lastCredentials };
  if (previous.handOver) return { handOver: previous.handOver, lastCredentials };
  const held = exported ?? credentialsOf(previous.record?.artifacts) ?? previous.lastCredentials;
  const reason = held ? credentialsChange(held, now) : null;
  if (!reason) return { handOver: undefined, lastCredentials };
  return { handOver: { since: changedAt(next.record, reason), reason, ...(exported && { lastExportedAt: exported.at }) }, lastCredentials };
}

/** What a credentials file says about the app and certificate it was made for. */
export interface FilePrint {
  appId?: string;
  consumerKey: string;
  certificateFingerprint?: string | null;
}

/** Whether a credentials file belongs to an earlier app or certificate than the connection's record. */
export function fileAgainstRecord(file: FilePrint, artifacts: Artifacts): HandOverReason | null {
  const now = credentialsOf(artifacts);
  if (!now) return null;
  const recordedId = artifacts.app?.id;
  if (file.appId && recordedId && file.appId !== recordedId) return 'newApp';
  return credentialsChange({ consumerKey: file.consumerKey, fingerprint: file.certificateFingerprint ?? null }, now);
}
