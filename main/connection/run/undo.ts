import type { JournalRun } from '../../store/journal';
import { rollbackLeftovers } from '../org/messages';
import { refuseOwnedElsewhere, snapshotOwnedElsewhere } from '../org/ownership';
import { plannedKind, plans } from './step-lists';
import { artifactsOf, rollBack } from './provisioner';
import type { Run, RunDeps } from './run-context';
import type { AdminSession } from '../../auth/session-source';
import { finishRemoval } from './teardown';

/** Roll back: takes back what the journaled run did; a half-done removal is finished instead. */
export async function undoJournaled(deps: RunDeps, admin: AdminSession, run: Run, journaled: JournalRun): Promise<void> {
  const kind = plannedKind(journaled.kind);
  // A half-done removal is finished, not undone: nothing of ours should stay half-configured.
  if (kind === 'disable') {
    await finishRemoval(deps, admin, run);
    return;
  }
  const { records, journal, contexts } = deps;
  const saved = records.get(journaled.orgId);
  const agentName = saved.record?.agentName ?? deps.settings.get().agentName;
  const ctx = await contexts.context(admin, agentName, artifactsOf(journaled), saved.retiredUser, run);
  // Another install took the connection over since: rolling back would remove what it now manages.
  refuseOwnedElsewhere(snapshotOwnedElsewhere(ctx.snapshot, contexts.installId()), false, 'reconnect');
  const leftovers = await rollBack(ctx, plans[kind].build, journal, run.tracker);
  if (leftovers.length === 0) journal.finish();
  const userId = ctx.artifacts.integrationUser?.id;
  const username = ctx.artifacts.integrationUser?.username;
  records.update(journaled.orgId, {
    status: leftovers.length ? 'error' : kind === 'updateAccess' ? 'connected' : 'off',
    record: kind === 'updateAccess' ? saved.record : null,
    leftovers,
    waiting: undefined,
    error: leftovers.length ? rollbackLeftovers(leftovers) : undefined,
    retiredUser: userId && username ? { id: userId, username } : saved.retiredUser,
  });
  const summary = leftovers.length ? leftovers.join('; ') : 'Rolled back the interrupted run.';
  contexts.audit(admin, journaled.orgId, 'connection.rollback', leftovers.length ? 'partial' : 'success', summary, ctx.artifacts);
}
