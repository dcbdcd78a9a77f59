import type { CarriedOver, OrgChange } from '../../../common';
import { fail } from '../../../common/app-error-schema';
import { metadataText } from '../../salesforce/metadata';
import type { Artifacts } from '../steps/results';
import type { ConnectionRecord } from '../record/record-store';
import { isOurs } from '../org/names';
import type { Run, RunDeps } from './run-context';
import type { AdminSession } from '../../auth/session-source';
import { ECA } from '../steps/external-client-app';
import type { StepContext } from '../steps/step';
import { discoveredTargets } from './teardown';
import { rebuildSourceOf } from './rebuild-source';

/** The org the admin's profile signed in to before this session, when it is another one. */
function previousOrgOf(deps: RunDeps, admin: AdminSession): string | null {
  const recorded = deps.settings.profile(admin.profile.id)?.orgId;
  return recorded && recorded !== admin.identity.orgId ? recorded : null;
}

/** Ours by marker, found in an org this install has no record for (fact SANDBOX-REFRESH). */
function carriedOver(ctx: StepContext): CarriedOver[] {
  const s = ctx.snapshot;
  const found: CarriedOver[] = [];
  if (s.app && s.app !== 'unavailable' && isOurs(s.app.description)) found.push('app');
  if (s.permissionSet && isOurs(s.permissionSet.description)) found.push('permissionSet');
  if (s.users.some((u) => u.active)) found.push('integrationUser');
  return found;
}

/**
 * A profile that signs in to another org than before (a sandbox refresh gives the sandbox a new id
 * and copies production's setup): the org is looked at and the change kept on this org's state, so
 * the screens and the CLI say so, and nothing of the earlier org's record is applied here.
 */
export async function inspectOrgChange(deps: RunDeps, admin: AdminSession): Promise<OrgChange | null> {
  const previousOrgId = previousOrgOf(deps, admin);
  const orgId = admin.identity.orgId;
  if (!previousOrgId) return null;
  const saved = deps.records.get(orgId);
  const agentName = saved.record?.agentName ?? deps.settings.get().agentName;
  const found = saved.record ? [] : carriedOver(await deps.contexts.context(admin, agentName, {}, null, null));
  const change: OrgChange = {
    previousOrgId,
    previousOrgName: deps.records.get(previousOrgId).record?.org.name ?? null,
    orgId,
    orgName: admin.identity.orgName,
    carriedOver: found,
  };
  const source = saved.record ? null : await rebuildSourceOf(deps, change);
  if (source) change.rebuild = { consumerKey: source.consumerKey, ...(source.username && { username: source.username }) };
  deps.records.update(orgId, { orgChange: change });
  return change;
}

/** The admin chose: the profile now belongs to this org, and the notice goes. */
export function settleOrgChange(deps: RunDeps, admin: AdminSession): void {
  deps.settings.recordOrg(admin.profile.id, admin.identity.orgId, true);
  deps.records.update(admin.identity.orgId, { orgChange: undefined });
}

/** Refuses a run that would quietly treat carried-over artifacts as this install's own. */
export function requireNoOrgChange(change: OrgChange | undefined): void {
  if (!change || change.carriedOver.length === 0) return;
  fail(
    'ORG_CHANGED',
    `This profile used to sign in to org ${change.previousOrgId}; it now signs in to ${change.orgId} (${change.orgName}), which has the agent's setup copied from another org. Adopt it (the key is rotated) or remove it first.`,
    {
      params: { previous: change.previousOrgId, current: change.orgId, org: change.orgName },
    },
  );
}

/**
 * Adopt: the carried-over artifacts become this org's connection record; the key is rotated next,
 * since the private key on this computer was never this app's (or was the source org's).
 */
export async function adoptCarriedOver(deps: RunDeps, admin: AdminSession, run: Run): Promise<void> {
  const orgId = admin.identity.orgId;
  const change = deps.records.get(orgId).orgChange;
  if (!change?.carriedOver.includes('app'))
    fail('NOT_CONNECTED', 'There is no carried-over external client app of this agent in this org to adopt. Turn on access instead.');
  const agentName = deps.settings.get().agentName;
  const ctx = await deps.contexts.context(admin, agentName, {}, null, run);
  const targets: Artifacts = await discoveredTargets(ctx);
  const [global] = await ctx.client.metadata.read(ECA.global, [ctx.names.globalOauthSettingsName]);
  const consumerKey = global ? metadataText(global, 'consumerKey') : undefined;
  const createdAt = ctx.snapshot.app !== 'unavailable' ? (ctx.snapshot.app?.createdDate ?? null) : null;
  ctx.artifacts = { ...targets, app: { ...targets.app, consumerKey: consumerKey ?? '', createdAt: createdAt ?? deps.now().toISOString() } };
  const record: ConnectionRecord = deps.contexts.recordFrom(ctx, admin, createdAt);
  deps.records.update(orgId, { record, status: 'connected', error: undefined, leftovers: undefined });
  deps.contexts.audit(
    admin,
    orgId,
    'connection.adopt',
    'success',
    adoptedSummary(change.previousOrgId, record.artifacts),
    record.artifacts,
  );
}

function adoptedSummary(previousOrgId: string, artifacts: Artifacts): string {
  const app = artifacts.app?.name ?? '';
  const user = artifacts.integrationUser?.username ?? 'none';
  return `Adopted the setup carried over from org ${previousOrgId}: app ${app}, user ${user}; the key is rotated next.`;
}
