import { randomUUID } from 'node:crypto';
import type { RunKind, StepId } from '../../../common';
import { AppFailure } from '../../../common/app-error-schema';
import type { Artifacts } from '../steps/results';
import { build } from './build';
import { notRemoved, oldNotRemoved } from '../org/messages';
import { isOurs } from '../org/names';
import { pastTeardown, plans } from './step-lists';
import { artifactsOf } from './provisioner';
import { endRun, type RunEnd } from './outcome';
import { refuseOwnedElsewhere } from '../org/ownership';
import { removeArtifacts, standings, type Standing } from './removal';
import type { Run, RunDeps } from './run-context';
import type { AdminSession } from '../../auth/session-source';
import { keyPairStep } from '../steps/key-pair';
import { findId } from '../steps/link-row';
import type { StepContext } from '../steps/step';

/** What Disable removes when there is no connection record: what the org has of ours. */
export async function discoveredTargets(ctx: StepContext): Promise<Artifacts> {
  const s = ctx.snapshot;
  const artifacts: Artifacts = {};
  if (s.permissionSet && isOurs(s.permissionSet.description))
    artifacts.permissionSet = { id: s.permissionSet.id, name: s.permissionSet.name };
  const user = s.users.find((u) => u.active);
  if (user) artifacts.integrationUser = { id: user.id, username: user.username };
  if (s.app && s.app !== 'unavailable' && isOurs(s.app.description)) artifacts.app = { name: s.app.developerName };
  if (user && s.apiPsl) {
    const licence = await findId(ctx, 'PermissionSetLicenseAssign', { AssigneeId: user.id, PermissionSetLicenseId: s.apiPsl.id });
    if (licence) artifacts.licence = { id: licence };
  }
  if (user && artifacts.permissionSet) {
    const assignment = await findId(ctx, 'PermissionSetAssignment', { AssigneeId: user.id, PermissionSetId: s.permissionSet?.id ?? '' });
    if (assignment) artifacts.assignment = { id: assignment };
  }
  return artifacts;
}

/**
 * Removes the connection's artifacts in teardown order, journaled; returns what could not be removed.
 * With a connection record nothing is looked up first but one read that confirms what is still ours.
 * A cancel stops it between removals and leaves the journal open: Resume finishes the removal.
 */
export async function teardown(
  deps: RunDeps,
  admin: AdminSession,
  run: Run,
  kind: RunKind,
  takeOver = false,
): Promise<{ leftovers: string[] }> {
  const { records, journal, contexts } = deps;
  const orgId = admin.identity.orgId;
  const saved = records.get(orgId);
  const agentName = saved.record?.agentName ?? deps.settings.get().agentName;
  // With a record there is no discovery: the standings below confirm what is still ours (org/org-prints.ts).
  if (saved.record) contexts.planCheck.forget();
  const targets = saved.record ? saved.record.artifacts : await discoveredTargets(await contexts.context(admin, agentName, {}, null, run));
  const removal = contexts.removalContext(admin, agentName, targets, run.signal);
  const standing = ownStandings(await standings(removal.client, targets, contexts.installId()), takeOver);
  if (!journal.current()) journal.begin({ id: randomUUID(), kind, orgId, startedAt: run.tracker.progress.startedAt });
  const leftovers = await removeArtifacts(removal, plans.disable.teardown, targets, standing, journal, run.tracker);
  await keyPairStep.undo(removal, {});
  const userId = targets.integrationUser?.id;
  const username = targets.integrationUser?.username;
  const retire = userId && username && standing.integrationUser !== 'foreign';
  records.update(orgId, {
    status: leftovers.length ? 'error' : 'off',
    record: null,
    drift: undefined,
    error: leftovers.length ? notRemoved(leftovers) : undefined,
    leftovers,
    retiredUser: retire ? { id: userId, username } : saved.retiredUser,
  });
  const summary = leftovers.length
    ? `Removed with leftovers: ${leftovers.join('; ')}`
    : 'Removed the app, assignments and permission set; deactivated the integration user.';
  contexts.audit(admin, orgId, `connection.${kind}.teardown`, leftovers.length ? 'partial' : 'success', summary, targets);
  return { leftovers };
}

/** Another install's connection is refused before anything is removed; a take-over removes it as ours. */
function ownStandings(standing: Partial<Record<StepId, Standing>>, takeOver: boolean): Partial<Record<StepId, Standing>> {
  const owned = Object.values(standing).includes('elsewhere');
  refuseOwnedElsewhere(owned, takeOver, 'reconnect');
  return Object.fromEntries(Object.entries(standing).map(([step, s]) => [step, s === 'elsewhere' ? 'present' : s]));
}

/** The teardown, and the run ended: the journal closes; what is left over is named on the connection. */
export async function finishRemoval(deps: RunDeps, admin: AdminSession, run: Run): Promise<{ leftovers: string[] }> {
  const result = await teardown(deps, admin, run, 'disable');
  await endRun(removalEnd(deps, admin, run), { status: 'finished' });
  return result;
}

/** Disable fails when something could not be removed; Resume and Roll back of a removal only name it. */
export async function disable(deps: RunDeps, admin: AdminSession, run: Run): Promise<void> {
  const { leftovers } = await finishRemoval(deps, admin, run);
  if (leftovers.length === 0) return;
  const failure = await endRun(removalEnd(deps, admin, run), { status: 'failed', failure: notRemoved(leftovers) });
  if (failure) throw failure;
}

/** A removal's end: nothing to take back (a removal is finished, never undone). */
const removalEnd = (deps: RunDeps, admin: AdminSession, run: Run): RunEnd => ({
  deps,
  admin,
  operation: 'connection.disable',
  plan: plans.disable,
  run,
  ctx: null,
  steps: [],
  previous: null,
});

/** Reconnect and Recreate: take the old connection down, then build a new one (a resumed run skips what it did). */
export async function rebuild(
  deps: RunDeps,
  kind: 'reconnect' | 'recreate',
  admin: AdminSession,
  run: Run,
  takeOver = false,
): Promise<void> {
  const createdAt = deps.records.get(admin.identity.orgId).record?.createdAt ?? null;
  if (!pastTeardown(deps.journal.current()?.steps ?? [], kind)) {
    const { leftovers } = await teardown(deps, admin, run, kind, takeOver);
    if (leftovers.length > 0) throw new AppFailure(oldNotRemoved(leftovers));
  }
  await build(deps, admin, run, { kind, artifacts: artifactsOf(null), createdAt });
}
