import { randomUUID } from 'node:crypto';
import { fail } from '../../../common/app-error-schema';
import type { AdminSession } from '../../auth/session-source';
import { refuseOwnedElsewhere, snapshotOwnedElsewhere } from '../org/ownership';
import type { Artifacts } from '../steps/results';
import { runSteps } from './outcome';
import type { Run, RunDeps } from './run-context';
import { plans } from './step-lists';

/**
 * Repair (step-lists.ts): brings back in place what a check found changed in the org (a deactivated
 * user, a removed licence, assignment or grant), never replacing the app: the consumer key and the
 * certificate stay, so the agent's exported credentials keep working.
 */
export async function repair(deps: RunDeps, admin: AdminSession, run: Run): Promise<void> {
  const { records, journal, contexts } = deps;
  const orgId = admin.identity.orgId;
  const record = records.get(orgId).record ?? fail('NOT_CONNECTED', 'There is no connection to repair. Turn on access first.');
  const user = record.artifacts.integrationUser;
  // The permission set is there (else only Reconnect helps); the user is looked up again and reactivated, never duplicated.
  const artifacts: Artifacts = { ...record.artifacts, permissionSet: { ...record.artifacts.permissionSet, adopted: true } };
  const previous = user?.id && user.username ? { id: user.id, username: user.username } : null;
  const ctx = await contexts.context(admin, record.agentName, artifacts, previous, run);
  ctx.run.reconcile = { recorded: record.grants, removeHandAdded: false };
  if (!journal.current()) {
    refuseOwnedElsewhere(snapshotOwnedElsewhere(ctx.snapshot, contexts.installId()), false, 'reconnect');
    journal.begin({ id: randomUUID(), kind: 'repair', orgId, startedAt: run.tracker.progress.startedAt });
  }
  const plan = plans.repair;
  await runSteps({ deps, admin, operation: 'connection.repair', plan, run, ctx, steps: plan.build, previous: record });
}
