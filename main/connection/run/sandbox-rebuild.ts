import { randomUUID } from 'node:crypto';
import type { ConnectionState, RebuildPlan } from '../../../common';
import { fail } from '../../../common/app-error-schema';
import type { AdminSession } from '../../auth/session-source';
import { readGrants } from '../steps/access-grants';
import type { StepContext } from '../steps/step';
import { grantsPrint, snapshotPrint, type ConfirmedPlan } from '../org/org-prints';
import { artifactNames, isOurs } from '../org/names';
import { build } from './build';
import type { ConnectionCore } from './core';
import { settleOrgChange } from './org-identity';
import { copyKeyHere, rebuildSourceOf, type RebuildSource } from './rebuild-source';
import { progressIds } from './step-lists';
import type { Run, RunDeps } from './run-context';

const LIFETIME_MS = 10 * 60_000;

function ourUser(ctx: StepContext): string | null {
  return ctx.snapshot.users.find((u) => u.active)?.username ?? null;
}

/** The review's lines: the app with the same certificate and, where the org lets a client choose it, the same key. */
function summaryOf(ctx: StepContext, source: RebuildSource): string[] {
  const ps = ctx.snapshot.permissionSet && isOurs(ctx.snapshot.permissionSet.description) ? ctx.snapshot.permissionSet : null;
  const user = ourUser(ctx);
  return [
    `Recreate the agent's External Client App "${ctx.names.appLabel}" (${ctx.names.appApiName}) here: a refreshed sandbox has no copy of it. It gets the certificate it had in org ${source.previousOrgId}; the private key stays on this computer.`,
    `Ask Salesforce for the consumer key the app had (${source.consumerKey}). Where the org lets a client choose the consumer key, the agent's exported credentials keep working. Where it does not, Salesforce makes a new key and the agent needs a new export (export-credentials) after the run, which then says so.`,
    ps
      ? `Reuse the permission set ${ps.name} copied into this org, adding only the grants it lacks.`
      : `Create the permission set ${ctx.names.permissionSetApiName} with the agent's grants.`,
    user
      ? `Reuse the integration user ${user} copied into this org; its username is not the exported one, so the agent needs a new export.`
      : `Create the integration user ${source.username ?? ctx.names.userDisplayName}, the username the exported credentials name (where Salesforce still holds it for the earlier org, another one, and the agent needs a new export), with its licence and the permission set.`,
    'Wait until Salesforce accepts the agent, then prove it by acting as the agent.',
  ];
}

/** Copies the key here, ties the profile to this org and builds with the earlier consumer key; audits whether the credentials still hold. */
async function rebuildHere(deps: RunDeps, admin: AdminSession, run: Run, source: RebuildSource): Promise<void> {
  const orgId = admin.identity.orgId;
  const appName = artifactNames(deps.settings.get().agentName).appApiName;
  await copyKeyHere(deps, source, orgId, appName);
  settleOrgChange(deps, admin);
  await build(deps, admin, run, { kind: 'enable', artifacts: {}, createdAt: null, keep: source });
  const artifacts = deps.records.get(orgId).record?.artifacts;
  const changed = [
    ...(artifacts?.app?.consumerKey === source.consumerKey ? [] : ['Salesforce gave the app a new consumer key']),
    ...(artifacts?.integrationUser?.username === source.username ? [] : ['the integration user has a new username']),
  ];
  const summary =
    changed.length === 0
      ? `Rebuilt the agent's app in the refreshed org with the certificate and consumer key of org ${source.previousOrgId}: exported credentials keep working.`
      : `Rebuilt the agent's app in the refreshed org with the certificate of org ${source.previousOrgId}; ${changed.join(' and ')}, so the agent needs a new export.`;
  deps.contexts.audit(admin, orgId, 'connection.rebuild', 'success', summary, artifacts ?? {});
}

/** "Rebuild here" for a refreshed sandbox: reviewed (plan, then the run with its id), like every change. */
export function createSandboxRebuild(core: ConnectionCore) {
  const plans = new Map<string, { plan: RebuildPlan; org: ConfirmedPlan; source: RebuildSource }>();
  const sourceFor = async (admin: AdminSession): Promise<RebuildSource> => {
    const change = core.run.records.get(admin.identity.orgId).orgChange;
    const source = change ? await rebuildSourceOf(core.run, change) : null;
    return (
      source ??
      fail(
        'NOTHING_TO_REBUILD',
        'There is nothing to rebuild here: this org is not a refreshed copy missing the agent’s app, or this computer lacks the earlier key.',
        {
          action: 'review',
        },
      )
    );
  };
  return {
    async plan(): Promise<RebuildPlan> {
      const admin = await core.session();
      const source = await sourceFor(admin);
      const ctx = await core.contexts.context(admin, core.deps.settings.get().agentName, {}, null, null);
      const psId = ctx.snapshot.permissionSet?.id;
      const grants = psId ? await readGrants(ctx, psId) : { objects: [], fields: [] };
      const username = ourUser(ctx) ? undefined : source.username;
      const org: ConfirmedPlan = { snapshot: snapshotPrint(ctx.snapshot), grants: grantsPrint(grants), ...(username && { username }) };
      const expiresAt = new Date(core.deps.now().getTime() + LIFETIME_MS).toISOString();
      const plan: RebuildPlan = { id: randomUUID(), orgId: admin.identity.orgId, expiresAt, summary: summaryOf(ctx, source) };
      plans.set(plan.id, { plan, org, source });
      return plan;
    },
    async run(planId: string): Promise<ConnectionState> {
      const stored = plans.get(planId);
      plans.delete(planId);
      const admin = await core.session();
      if (!stored || stored.plan.orgId !== admin.identity.orgId)
        fail('PLAN_REQUIRED', 'Review the rebuild first: nothing is changed in the org before you confirm what will change.', {
          action: 'review',
        });
      if (Date.parse(stored.plan.expiresAt) <= core.deps.now().getTime())
        fail('PLAN_STALE', 'The reviewed plan has expired. Review it again: the org may have changed.', { action: 'review' });
      // The run's own look at the org is compared with the one reviewed before its first write.
      core.contexts.planCheck.confirmed(stored.org);
      return core.scheduler.start('enable', progressIds('enable'), (a, run) => rebuildHere(core.run, a, run, stored.source));
    },
  };
}
