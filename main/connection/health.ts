import { z } from 'zod';
import type { Drift, Grant } from '../../common';
import { fieldPermissionNames, objectPermissionObjects } from '../agent/grants';
import { requestAgentToken } from '../agent/token';
import { queryRows, queryUrl, soqlQuote, type OrgClient } from '../salesforce/client';
import type { AppError } from '../../common/app-error-schema';
import { text } from './artifacts';
import { connectionBroken, connectionDrift } from './messages';
import { isOurs } from './names';
import type { ConnectionRecord } from './record-store';
import { readGrants, type ExistingGrants } from './steps/access-grants';

const row = z.object({ Id: z.string() }).catchall(z.unknown());

export interface OrgArtifactsState {
  permissionSet: boolean;
  user: { exists: boolean; active: boolean };
  assignment: boolean;
  licence: boolean;
  app: boolean;
  grants: ExistingGrants;
}

/** Reads the connection's artifacts as the org has them now (two Composite calls). */
export async function readArtifacts(client: OrgClient, record: ConnectionRecord, pslId: string | null): Promise<OrgArtifactsState> {
  const a = record.artifacts;
  const psId = text(a, 'permissionSet', 'id') ?? '';
  const userId = text(a, 'integrationUser', 'id') ?? '';
  const appName = text(a, 'app', 'name') ?? '';
  const results = await client.composite([
    { referenceId: 'ps', method: 'GET', url: queryUrl(`SELECT Id, Description FROM PermissionSet WHERE Id = ${soqlQuote(psId)}`) },
    { referenceId: 'user', method: 'GET', url: queryUrl(`SELECT Id, IsActive FROM User WHERE Id = ${soqlQuote(userId)}`) },
    { referenceId: 'assignment', method: 'GET', url: queryUrl(`SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = ${soqlQuote(userId)} AND PermissionSetId = ${soqlQuote(psId)}`) },
    { referenceId: 'licence', method: 'GET', url: queryUrl(`SELECT Id FROM PermissionSetLicenseAssign WHERE AssigneeId = ${soqlQuote(userId)} AND PermissionSetLicenseId = ${soqlQuote(pslId ?? '')}`) },
    { referenceId: 'app', method: 'GET', url: queryUrl(`SELECT Id, Description FROM ExternalClientApplication WHERE DeveloperName = ${soqlQuote(appName)}`) },
  ]);
  const rows = (ref: string) => queryRows(results.get(ref)).map((r) => row.parse(r));
  const ps = rows('ps')[0];
  const user = rows('user')[0];
  const app = rows('app')[0];
  return {
    permissionSet: ps !== undefined && isOurs(ps.Description),
    user: { exists: user !== undefined, active: user?.IsActive === true },
    assignment: rows('assignment').length > 0,
    licence: rows('licence').length > 0,
    app: app !== undefined && isOurs(app.Description),
    grants: ps ? await readGrants({ client }, psId) : { objects: [], fields: [] },
  };
}

const lower = (name: string): string => name.toLowerCase();

/** What `desired` needs a row for that `granted` (object names, Object.Field names) lacks. */
export function missingGrants(desired: readonly Grant[], granted: { objects: readonly string[]; fields: readonly string[] }): Pick<Drift, 'missingObjects' | 'missingFields'> {
  const objects = new Set(granted.objects.map(lower));
  const fields = new Set(granted.fields.map(lower));
  return {
    missingObjects: objectPermissionObjects(desired).filter((o) => !objects.has(lower(o))),
    missingFields: fieldPermissionNames(desired).filter((f) => !fields.has(lower(f))),
  };
}

/** The drift a changed access profile makes, from the connection's recorded grants alone (no org reads). */
export function profileDrift(recorded: readonly Grant[], desired: readonly Grant[]): Drift {
  const granted = { objects: objectPermissionObjects(recorded), fields: fieldPermissionNames(recorded) };
  return { ...missingGrants(desired, granted), brokenArtifacts: [], extraGrants: [] };
}

/** What a drift means for the connection: broken parts need Reconnect, missing grants Recreate (or Update access). */
export function driftVerdict(drift: Drift): { status: 'connected' | 'drift' | 'error'; error?: AppError } {
  if (drift.brokenArtifacts.length > 0) return { status: 'error', error: connectionBroken(drift.brokenArtifacts) };
  const missing = [...drift.missingObjects, ...drift.missingFields];
  return missing.length > 0 ? { status: 'drift', error: connectionDrift(missing) } : { status: 'connected' };
}

/** Compares the org with the desired state and names the difference. */
export function compare(state: OrgArtifactsState, desired: readonly Grant[], agentTokenOk: boolean): Drift {
  const broken: string[] = [];
  if (!state.app) broken.push('app');
  if (!state.user.exists) broken.push('user');
  else if (!state.user.active) broken.push('user inactive');
  if (!state.permissionSet) broken.push('permissionSet');
  if (!state.assignment) broken.push('assignment');
  if (!state.licence) broken.push('licence');
  if (state.app && state.user.active && !agentTokenOk) broken.push('agent sign-in');

  const granted = {
    objects: state.grants.objects.filter((o) => o.PermissionsRead).map((o) => o.SobjectType),
    fields: state.grants.fields.filter((f) => f.PermissionsRead).map((f) => f.Field),
  };
  const wantedObjects = new Set(objectPermissionObjects(desired).map(lower));
  const wantedFields = new Set(fieldPermissionNames(desired).map(lower));
  const missing = state.permissionSet ? missingGrants(desired, granted) : { missingObjects: [], missingFields: [] };
  return {
    ...missing,
    brokenArtifacts: broken,
    extraGrants: [
      ...state.grants.objects.filter((o) => !wantedObjects.has(lower(o.SobjectType))).map((o) => o.SobjectType),
      ...state.grants.fields.filter((f) => !wantedFields.has(lower(f.Field))).map((f) => f.Field),
    ],
  };
}

export async function agentCanSignIn(record: ConnectionRecord, privateKeyPem: string | undefined, now: Date): Promise<boolean> {
  const consumerKey = text(record.artifacts, 'app', 'consumerKey');
  const username = text(record.artifacts, 'integrationUser', 'username');
  if (!consumerKey || !username || !privateKeyPem) return false;
  const result = await requestAgentToken({ instanceUrl: record.org.myDomainUrl, audience: record.org.audience, consumerKey, username, privateKeyPem, now });
  return result.ok;
}
