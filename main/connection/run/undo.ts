import type { JournalRun } from '../../store/journal';
import { refuseOwnedElsewhere, snapshotOwnedElsewhere } from '../org/ownership';
import { plannedKind, plans } from './step-lists';
import { endRun } from './outcome';
import { artifactsOf } from './provisioner';
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
  const { records, contexts } = deps;
  const saved = records.get(journaled.orgId);
  const agentName = saved.record?.agentName ?? deps.settings.get().agentName;
  const ctx = await contexts.context(admin, agentName, artifactsOf(journaled), saved.retiredUser, run);
  // Another install took the connection over since: rolling back would remove what it now manages.
  refuseOwnedElsewhere(snapshotOwnedElsewhere(ctx.snapshot, contexts.installId()), false, 'reconnect');
  const plan = plans[kind];
  const end = { deps, admin, operation: 'connection.rollback', plan, run, ctx, steps: plan.build, previous: saved.record };
  await endRun(end, { status: 'cancelled', by: 'rollback' });
}
