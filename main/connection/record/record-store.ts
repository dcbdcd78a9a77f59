import { z } from 'zod';
import { jwtAudienceOf } from '../../agent/audience';
import {
  appErrorSchema,
  coexistingConnectionSchema,
  connectionStatuses,
  driftSchema,
  environments,
  grantSchema,
  handOverSchema,
  orgChangeSchema,
} from '../../../common';
import type { DocumentStoreFactory } from '../../store/document-store';
import { artifactsSchema } from '../steps/results';
import { credentialsExportSchema, credentialsPrintSchema, handOverAfter } from './hand-over';

/** A working connection as the app last knew it: what exists in the org and why. Never secrets. */
export const connectionRecordSchema = z.object({
  /** Made at Enable; with this install's id it marks what the connection owns in the org (names.ts). */
  connectionId: z.string().optional(),
  agentName: z.string(),
  artifacts: artifactsSchema,
  grants: z.array(grantSchema),
  org: z
    .object({
      name: z.string(),
      environment: z.enum(environments),
      myDomainUrl: z.string(),
      loginUrl: z.string(),
      audience: z.string().optional(),
    })
    // Records written before the audience was stored: the profile's environment is the best hint of the org's type.
    .transform((org) => ({ ...org, audience: org.audience ?? jwtAudienceOf(org.environment === 'sandbox') })),
  userProfile: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  lastVerifiedAt: z.string().nullable(),
  /** The last health check (the admin's Test or the schedule), whatever it found. */
  lastCheckedAt: z.string().optional(),
  /** Default-profile objects and fields the org lacks, left out of the grants (details.notInOrg). */
  notInOrg: z.array(z.string()).optional(),
});
export type ConnectionRecord = z.infer<typeof connectionRecordSchema>;

/**
 * "Last checked" means the last time the app compared the org with the connection; proving it as the
 * agent (a run's verification, "last verified") is such a comparison too, so a verified connection is never "never checked".
 */
export function lastCheckedOf(record: Pick<ConnectionRecord, 'lastCheckedAt' | 'lastVerifiedAt'>): string | undefined {
  const times = [record.lastCheckedAt, record.lastVerifiedAt ?? undefined].filter((at): at is string => at !== undefined);
  return times.sort((a, b) => Date.parse(b) - Date.parse(a))[0];
}

const orgStateSchema = z.object({
  record: connectionRecordSchema.nullable(),
  status: z.enum(connectionStatuses),
  error: appErrorSchema.optional(),
  drift: driftSchema.optional(),
  leftovers: z.array(z.string()).optional(),
  /** While status is 'waiting': since the app was created, until the last wait ended. */
  waiting: z.object({ since: z.string(), until: z.string() }).optional(),
  /** Kept after Disable so Reconnect and the next Enable reactivate this user instead of taking a new seat. */
  retiredUser: z.object({ id: z.string(), username: z.string() }).nullable(),
  /** This org is not the one the profile signed in to before, and holds artifacts of ours (org-identity.ts). */
  orgChange: orgChangeSchema.optional(),
  /** The last export of the agent's credentials; kept after Disable, since the agent still holds that file. */
  credentialsExport: credentialsExportSchema.optional(),
  /** The agent's file no longer matches the connection (hand-over.ts); only an export clears it. */
  handOver: handOverSchema.optional(),
  lastCredentials: credentialsPrintSchema.optional(),
  /** Microsoft's own Sales agent connection as discovery last found it (the Connections overview lists it). */
  coexisting: coexistingConnectionSchema.optional(),
});
export type OrgConnectionState = Omit<z.infer<typeof orgStateSchema>, 'record'> & { record: ConnectionRecord | null };

const documentSchema = z.object({
  version: z.literal(1),
  currentOrgId: z.string().nullable(),
  orgs: z.record(z.string(), orgStateSchema),
});

export interface ConnectionRecordStore {
  currentOrgId(): string | null;
  get(orgId: string): OrgConnectionState;
  /** `focus: false`: a scheduled check of another org leaves the org the screens show as it is. */
  update(orgId: string, change: Partial<OrgConnectionState>, focus?: boolean): OrgConnectionState;
}

const empty: OrgConnectionState = { record: null, status: 'off', retiredUser: null };

export function createConnectionRecordStore(stores: DocumentStoreFactory): ConnectionRecordStore {
  const document = stores('connection', {
    defaults: { version: 1 as const, currentOrgId: null as string | null, orgs: {} },
    parse: (raw) => documentSchema.parse(raw),
  });
  return {
    currentOrgId: () => document.read().currentOrgId,
    get: (orgId) => document.read().orgs[orgId] ?? structuredClone(empty),
    update(orgId, change, focus = true) {
      const current = document.read();
      const previous = current.orgs[orgId] ?? empty;
      const next: OrgConnectionState = { ...previous, ...change };
      // Worked out here, so no run that changes the consumer key or the certificate can forget it.
      Object.assign(next, handOverAfter(previous, next));
      // Optional fields set to undefined are dropped, not stored as "undefined".
      for (const key of ['error', 'drift', 'leftovers', 'waiting', 'orgChange', 'handOver', 'lastCredentials', 'coexisting'] as const)
        if (next[key] === undefined) delete next[key];
      document.write({ ...current, currentOrgId: focus ? orgId : current.currentOrgId, orgs: { ...current.orgs, [orgId]: next } });
      return next;
    },
  };
}
