import { z } from 'zod';
import type { Drift, Grant } from '../../../common';
import { fieldPermissionNames, objectPermissionObjects } from '../../agent/grants';
import { grantDiff, markText, rowsOf } from '../org/grant-diff';
import { queryRows, queryUrl, soqlQuote, type OrgClient } from '../../salesforce/client';
import type { AppError } from '../../../common/app-error-schema';
import { connectionBroken, connectionDrift, connectionOwnedElsewhere } from '../org/messages';
import { isOurs, ownedElsewhere } from '../org/names';
import type { ConnectionRecord } from '../record/record-store';
import { readGrants, type ExistingGrants } from '../steps/access-grants';

const row = z.object({ Id: z.string() }).catchall(z.unknown());

export interface OrgArtifactsState {
  permissionSet: boolean;
  /** When the user last changed and by whom (a deactivation is named with them). */
  user: { exists: boolean; active: boolean; changedAt?: string; changedBy?: string };
  assignment: boolean;
  licence: boolean;
  app: boolean;
  grants: ExistingGrants;
  /** The app or permission set names another install of the app as owner (a take-over). */
  ownedElsewhere: boolean;
}

/** Reads the connection's artifacts as the org has them now (two Composite calls). */
export async function readArtifacts(
  client: OrgClient,
  record: ConnectionRecord,
  pslId: string | null,
  installId: string,
): Promise<OrgArtifactsState> {
  const a = record.artifacts;
  const psId = a.permissionSet?.id ?? '';
  const userId = a.integrationUser?.id ?? '';
  const appName = a.app?.name ?? '';
  const results = await client.composite([
    { referenceId: 'ps', method: 'GET', url: queryUrl(`SELECT Id, Description FROM PermissionSet WHERE Id = ${soqlQuote(psId)}`) },
    {
      referenceId: 'user',
      method: 'GET',
      url: queryUrl(`SELECT Id, IsActive, LastModifiedDate, LastModifiedBy.Name FROM User WHERE Id = ${soqlQuote(userId)}`),
    },
    {
      referenceId: 'assignment',
      method: 'GET',
      url: queryUrl(
        `SELECT Id FROM PermissionSetAssignment WHERE AssigneeId = ${soqlQuote(userId)} AND PermissionSetId = ${soqlQuote(psId)}`,
      ),
    },
    {
      referenceId: 'licence',
      method: 'GET',
      url: queryUrl(
        `SELECT Id FROM PermissionSetLicenseAssign WHERE AssigneeId = ${soqlQuote(userId)} AND ${licenceFilter(record, pslId)}`,
      ),
    },
    {
      referenceId: 'app',
      method: 'GET',
      url: queryUrl(`SELECT Id, Description FROM ExternalClientApplication WHERE DeveloperName = ${soqlQuote(appName)}`),
    },
  ]);
  const rows = (ref: string) => queryRows(results.get(ref)).map((r) => row.parse(r));
  const ps = rows('ps')[0];
  const user = rows('user')[0];
  const app = rows('app')[0];
  return {
    permissionSet: ps !== undefined && isOurs(ps.Description),
    user: { exists: user !== undefined, active: user?.IsActive === true, ...changeOf(user) },
    assignment: rows('assignment').length > 0,
    licence: rows('licence').length > 0,
    app: app !== undefined && isOurs(app.Description),
    grants: ps ? await readGrants({ client }, psId) : { objects: [], fields: [] },
    ownedElsewhere: ownedElsewhere(ps?.Description, installId) || ownedElsewhere(app?.Description, installId),
  };
}

const changedBy = z.object({ Name: z.string() }).nullish();

function changeOf(user: z.infer<typeof row> | undefined): { changedAt?: string; changedBy?: string } {
  const at = typeof user?.LastModifiedDate === 'string' ? user.LastModifiedDate : undefined;
  const by = changedBy.safeParse(user?.LastModifiedBy);
  return { ...(at && { changedAt: at }), ...(by.success && by.data && { changedBy: by.data.Name }) };
}

/** Without the licence's id (a scheduled check skips discovery), the assignment this connection made is looked up by its own id. */
function licenceFilter(record: ConnectionRecord, pslId: string | null): string {
  return pslId ? `PermissionSetLicenseId = ${soqlQuote(pslId)}` : `Id = ${soqlQuote(record.artifacts.licence?.id ?? '')}`;
}

const lower = (name: string): string => name.toLowerCase();

/** What `desired` needs a row for that `granted` (object names, Object.Field names) lacks. */
export function missingGrants(
  desired: readonly Grant[],
  granted: { objects: readonly string[]; fields: readonly string[] },
): Pick<Drift, 'missingObjects' | 'missingFields'> {
  const objects = new Set(granted.objects.map(lower));
  const fields = new Set(granted.fields.map(lower));
  return {
    missingObjects: objectPermissionObjects(desired).filter((o) => !objects.has(lower(o))),
    missingFields: fieldPermissionNames(desired).filter((f) => !fields.has(lower(f))),
  };
}

/** The grant part of a drift, from the one comparison Update access applies (grant-diff.ts). */
function grantDrift(desired: readonly Grant[], recorded: readonly Grant[], existing: ExistingGrants): Omit<Drift, 'brokenArtifacts'> {
  const diff = grantDiff(desired, recorded, existing, { removeHandAdded: false });
  const granted = {
    objects: existing.objects.filter((o) => o.PermissionsRead).map((o) => o.SobjectType),
    fields: existing.fields.filter((f) => f.PermissionsRead).map((f) => f.Field),
  };
  return {
    ...missingGrants(desired, granted),
    extraGrants: [...diff.narrowed, ...diff.handAdded].map(markText),
    narrowed: diff.narrowed,
    handAdded: diff.handAdded,
    escalations: diff.escalations,
  };
}

/** The drift a changed access profile makes, from the connection's recorded grants alone (no org reads). */
export function profileDrift(recorded: readonly Grant[], desired: readonly Grant[]): Drift {
  return { ...grantDrift(desired, recorded, rowsOf(recorded)), brokenArtifacts: [] };
}

/** Connected only when the org matches the desired state exactly; broken parts need Reconnect, grants Update access. */
export function driftVerdict(drift: Drift): { status: 'connected' | 'drift' | 'error'; error?: AppError } {
  if (drift.brokenArtifacts.length > 0) return { status: 'error', error: connectionBroken(drift.brokenArtifacts) };
  const differs =
    drift.missingObjects.length + drift.missingFields.length + drift.extraGrants.length + (drift.escalations?.length ?? 0) > 0;
  return differs ? { status: 'drift', error: connectionDrift(drift) } : { status: 'connected' };
}

/** Another install's connection is reported as such: not broken (its Reconnect would cut the other install off). */
export function healthVerdict(
  state: Pick<OrgArtifactsState, 'ownedElsewhere'>,
  drift: Drift,
): { status: 'connected' | 'drift' | 'error'; error?: AppError } {
  return state.ownedElsewhere ? { status: 'error', error: connectionOwnedElsewhere('reconnect') } : driftVerdict(drift);
}

/** Compares the org with the desired state (and what this app granted before) and names the difference. */
export function compare(state: OrgArtifactsState, desired: readonly Grant[], recorded: readonly Grant[], agentTokenOk: boolean): Drift {
  const broken: string[] = [];
  if (!state.app) broken.push('app');
  if (!state.user.exists) broken.push('user');
  else if (!state.user.active) broken.push('user inactive');
  if (!state.permissionSet) broken.push('permissionSet');
  if (!state.assignment) broken.push('assignment');
  if (!state.licence) broken.push('licence');
  if (state.app && state.user.active && !agentTokenOk) broken.push('agent sign-in');
  const grants = state.permissionSet
    ? grantDrift(desired, recorded, state.grants)
    : { missingObjects: [], missingFields: [], extraGrants: [] };
  return { ...grants, brokenArtifacts: broken };
}
