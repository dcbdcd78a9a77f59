import { randomUUID } from 'node:crypto';
import { AppFailure, fail } from '../../../common/app-error-schema';
import { salesforceAppError } from '../../salesforce/errors';
import type { AdminSession } from '../../auth/session-source';
import { refuseOwnedElsewhere, snapshotOwnedElsewhere } from '../org/ownership';
import type { ConnectionRecord } from '../record/record-store';
import type { Artifacts } from '../steps/results';
import type { StepContext } from '../steps/step';
import { undoCancelled } from './build';
import { provision, rollBack } from './provisioner';
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
  const steps = plans.repair.build;
  try {
    await provision(ctx, steps, journal, run.tracker);
  } catch (error) {
    if (run.signal.aborted) return undoCancelled(deps, admin, run, 'repair', ctx, steps, { status: records.get(orgId).status, record });
    const appErr = error instanceof AppFailure ? error.error : salesforceAppError(error, 'repairing the connection');
    const leftovers = await rollBack(ctx, steps, journal, run.tracker);
    if (leftovers.length === 0) journal.finish();
    // What the repair brought back is taken back: the connection is as the check found it.
    records.update(orgId, appErr.code === 'PLAN_STALE' ? { error: appErr } : { status: 'error', error: appErr, leftovers });
    throw new AppFailure(appErr);
  }
  journal.finish();
  records.update(orgId, {
    status: 'connected',
    record: repairedRecord(record, ctx),
    drift: undefined,
    error: undefined,
    leftovers: undefined,
  });
  contexts.audit(admin, orgId, 'connection.repair', 'success', repairSummary(ctx.artifacts), ctx.artifacts);
}

/** The record with what the repair found or brought back; the app and key are the ones it had. */
function repairedRecord(record: ConnectionRecord, ctx: StepContext): ConnectionRecord {
  const made = ctx.artifacts;
  // The same user as before (Repair reactivates, never creates one): only the mark of its deactivation goes.
  const { deactivated: _deactivated, ...user } = record.artifacts.integrationUser ?? {};
  return {
    ...record,
    artifacts: {
      ...record.artifacts,
      integrationUser: user,
      ...(made.licence && { licence: made.licence }),
      ...(made.assignment && { assignment: made.assignment }),
      ...(made.verification && { verification: made.verification }),
    },
    grants: ctx.desired.grants,
    lastVerifiedAt: made.verification?.verifiedAt ?? record.lastVerifiedAt,
  };
}

/** The audit's words: what was brought back, by name. */
function repairSummary(artifacts: Artifacts): string {
  const done = [
    artifacts.integrationUser?.reactivated === true && `reactivated the integration user ${artifacts.integrationUser.username ?? ''}`,
    (artifacts.accessGrants?.added?.length ?? 0) > 0 && `re-added ${artifacts.accessGrants?.added?.join(', ') ?? ''}`,
  ].filter(Boolean);
  const what = done.length ? done.join('; ') : 're-added the licence and assignment where they were gone';
  return `Repaired in place: ${what}. The app, its consumer key and the certificate were kept.`;
}
