import { randomUUID } from 'node:crypto';
import type { RunKind, UserDefaultsOverride, UserFieldValues } from '../../../common';
import { AppFailure, fail, type AppError } from '../../../common/app-error-schema';
import { salesforceAppError } from '../../salesforce/errors';
import type { Artifacts } from '../steps/results';
import { runCancelled, rollbackLeftovers } from '../org/messages';
import { artifactNames } from '../org/names';
import { refuseOwnedElsewhere, snapshotOwnedElsewhere } from '../org/ownership';
import { plans } from './step-lists';
import { firstBlocker, preflightChecks } from '../org/preflight';
import { provision, rollBack } from './provisioner';
import type { ConnectionRecord, OrgConnectionState } from '../record/record-store';
import { ignoreCancel, markAudited, type Run, type RunDeps } from './run-context';
import type { AdminSession } from '../../auth/session-source';
import { keyPairInAdvance } from '../steps/key-pair';
import { createsNewUser } from '../steps/integration-user';
import type { Step, StepContext } from '../steps/step';

/** What a build starts from: its kind, what exists already, and the admin's choices of the review. */
export interface BuildOptions {
  kind: RunKind;
  artifacts: Artifacts;
  /** When the connection was first made (a rebuild keeps it); null for a new one. */
  createdAt: string | null;
  userDefaults?: UserDefaultsOverride;
  /** Values for the User fields the review asked for (fact USER-REQUIRED-FIELDS). */
  userFields?: UserFieldValues;
  /** Replace a connection another install manages (ownership.ts). */
  takeOver?: boolean;
}

/** Builds the connection (Enable, and the build of Reconnect, Recreate and Resume). */
export async function build(deps: RunDeps, admin: AdminSession, run: Run, options: BuildOptions): Promise<void> {
  const { kind, artifacts, createdAt, userDefaults, userFields, takeOver = false } = options;
  const { records, journal, contexts, now } = deps;
  const { tracker } = run;
  const orgId = admin.identity.orgId;
  const saved = records.get(orgId);
  const agentName = saved.record?.agentName ?? deps.settings.get().agentName;
  tracker.set('preflight', 'running');
  const pendingKeyPair = artifacts.keyPair
    ? undefined
    : keyPairInAdvance(artifactNames(agentName).appLabel, now(), deps.settings.get().certificateLifetimeDays);
  // A resumed build keeps its connection id (the journal's run id), so what it made stays its own.
  const connectionId = saved.record?.connectionId ?? journal.current()?.id ?? randomUUID();
  const ctx = await contexts.context(admin, agentName, artifacts, saved.retiredUser, run, connectionId);
  ctx.pendingKeyPair = pendingKeyPair;
  if (userDefaults) ctx.run.userDefaults = userDefaults;
  if (userFields) ctx.run.userFields = userFields;
  records.update(orgId, { coexisting: ctx.snapshot.coexisting ?? undefined });
  if (!journal.current()) {
    // Only a new user needs the values; one brought back keeps its own (fact USER-REQUIRED-FIELDS).
    const extras = createsNewUser(ctx) ? { userFields: userFields ?? {} } : {};
    const blocker = firstBlocker(preflightChecks(ctx.snapshot, ctx.desired, ctx.names, extras));
    if (blocker) {
      tracker.set('preflight', 'failed');
      throw new AppFailure(blocker);
    }
    refuseOwnedElsewhereBeforeBuild(ctx, contexts.installId(), takeOver, tracker);
    journal.begin({ id: connectionId, kind, orgId, startedAt: tracker.progress.startedAt });
  }
  tracker.set('preflight', 'done');
  const steps = plans.enable.build;
  try {
    await provision(ctx, steps, journal, tracker);
  } catch (error) {
    if (run.signal.aborted) return undoCancelled(deps, admin, run, kind, ctx, steps, { status: 'off', record: null });
    const failure = error instanceof AppFailure ? error.error : salesforceAppError(error, 'setting up the connection');
    if (failure.code === 'ACTIVATION_TIMEOUT') return keepWaiting(deps, admin, run, kind, ctx, failure);
    // What was created is rolled back, so the way on is Reconnect, unless the error names its own fix.
    const appErr = failure.action === undefined || failure.action === 'retry' ? { ...failure, action: 'reconnect' as const } : failure;
    const leftovers = await rollBack(ctx, steps, journal, tracker);
    if (leftovers.length === 0) journal.finish();
    records.update(orgId, { status: 'error', error: appErr, leftovers, record: null });
    contexts.audit(admin, orgId, `connection.${kind}`, leftovers.length ? 'partial' : 'failure', appErr.message, ctx.artifacts);
    throw new AppFailure(markAudited(appErr));
  }
  journal.finish();
  records.update(orgId, {
    status: 'connected',
    record: contexts.recordFrom(ctx, admin, createdAt),
    error: undefined,
    drift: undefined,
    leftovers: undefined,
    waiting: undefined,
    retiredUser: null,
  });
  const username = ctx.artifacts.integrationUser?.username ?? '';
  contexts.audit(
    admin,
    orgId,
    `connection.${kind}`,
    'success',
    `Connected "${agentName}": app ${ctx.names.appApiName}, user ${username}, permission set ${ctx.names.permissionSetApiName}.`,
    ctx.artifacts,
  );
}

function refuseOwnedElsewhereBeforeBuild(ctx: StepContext, installId: string, takeOver: boolean, tracker: Run['tracker']): void {
  try {
    refuseOwnedElsewhere(snapshotOwnedElsewhere(ctx.snapshot, installId), takeOver, 'enable');
  } catch (error) {
    tracker.set('preflight', 'failed');
    throw error;
  }
}

/**
 * Salesforce has not accepted the agent before the deadline, which only means "not yet" (fact
 * ACTIVATION-PROPAGATION): nothing is rolled back and the journal stays open at activation, so Keep
 * waiting (resume) picks the wait up and Roll back removes what was created.
 */
function keepWaiting(deps: RunDeps, admin: AdminSession, run: Run, kind: RunKind, ctx: StepContext, failure: AppError): void {
  const orgId = admin.identity.orgId;
  const since = run.tracker.progress.activation?.waitingSince ?? ctx.artifacts.app?.createdAt ?? run.tracker.progress.startedAt;
  deps.records.update(orgId, {
    status: 'waiting',
    error: failure,
    waiting: { since, until: deps.now().toISOString() },
    leftovers: undefined,
  });
  deps.contexts.audit(admin, orgId, `connection.${kind}`, 'partial', failure.message, ctx.artifacts);
}

/**
 * The admin cancelled: what the run created is taken back (the roll-back itself is not cut short).
 * What could not be removed keeps the journal open, so the connection reads "interrupted" and can be
 * rolled back again or resumed.
 */
async function undoCancelled(
  deps: RunDeps,
  admin: AdminSession,
  run: Run,
  kind: RunKind,
  ctx: StepContext,
  steps: readonly Step[],
  clean: Partial<OrgConnectionState>,
): Promise<void> {
  const orgId = admin.identity.orgId;
  ignoreCancel(ctx);
  const leftovers = await rollBack(ctx, steps, deps.journal, run.tracker);
  if (leftovers.length === 0) deps.journal.finish();
  const userId = ctx.artifacts.integrationUser?.id;
  const username = ctx.artifacts.integrationUser?.username;
  const retired = kind !== 'updateAccess' && userId && username ? { retiredUser: { id: userId, username } } : {};
  if (leftovers.length)
    deps.records.update(orgId, { status: 'error', error: rollbackLeftovers(leftovers), leftovers, waiting: undefined, ...retired });
  else
    deps.records.update(orgId, {
      ...clean,
      error: clean.status === 'off' ? runCancelled() : undefined,
      leftovers: undefined,
      waiting: undefined,
      ...retired,
    });
  const summary = leftovers.length
    ? `Cancelled; could not remove: ${leftovers.join('; ')}`
    : 'Cancelled by the admin; removed what the run had created.';
  deps.contexts.audit(admin, orgId, `connection.${kind}`, leftovers.length ? 'partial' : 'cancelled', summary, ctx.artifacts);
}

/** Adds the grants the access profile now needs to the existing permission set, then verifies as the agent. */
export async function updateAccess(deps: RunDeps, admin: AdminSession, run: Run, removeHandAdded = false): Promise<void> {
  const { records, journal, contexts } = deps;
  const orgId = admin.identity.orgId;
  const record = records.get(orgId).record ?? fail('NOT_CONNECTED', 'There is no connection to update. Turn on access first.');
  // The permission set exists: its grants are looked up, and only the missing ones added.
  const artifacts: Artifacts = { ...record.artifacts, permissionSet: { ...record.artifacts.permissionSet, adopted: true } };
  const ctx = await contexts.context(admin, record.agentName, artifacts, null, run);
  // Reconciled both ways: what this app granted and the admin narrowed goes; hand-added only on confirmation.
  ctx.run.reconcile = { recorded: record.grants, removeHandAdded };
  if (!journal.current()) {
    refuseOwnedElsewhere(snapshotOwnedElsewhere(ctx.snapshot, contexts.installId()), false, 'reconnect');
    journal.begin({ id: randomUUID(), kind: 'updateAccess', orgId, startedAt: run.tracker.progress.startedAt });
  }
  const steps = plans.updateAccess.build;
  try {
    await provision(ctx, steps, journal, run.tracker);
  } catch (error) {
    if (run.signal.aborted) return undoCancelled(deps, admin, run, 'updateAccess', ctx, steps, { status: 'connected', record });
    const appErr = error instanceof AppFailure ? error.error : salesforceAppError(error, 'updating the access');
    const leftovers = await rollBack(ctx, steps, journal, run.tracker);
    if (leftovers.length === 0) journal.finish();
    // Refused at the first look-up (the org changed since the review): nothing was written.
    records.update(orgId, appErr.code === 'PLAN_STALE' ? { error: appErr } : { status: 'error', error: appErr, leftovers });
    throw new AppFailure(appErr);
  }
  journal.finish();
  records.update(orgId, {
    status: 'connected',
    record: updatedRecord(record, ctx),
    drift: undefined,
    error: undefined,
    leftovers: undefined,
  });
  contexts.audit(admin, orgId, 'connection.updateAccess', 'success', accessChangeSummary(ctx.artifacts), ctx.artifacts);
}

/** The audit's words for Update access: every grant added and removed, Edit and View All by name. */
function accessChangeSummary(artifacts: Artifacts): string {
  const added = artifacts.accessGrants?.added ?? [];
  const removed = artifacts.accessGrants?.removed ?? [];
  if (added.length + removed.length === 0) return "The permission set already granted exactly the agent's access; nothing changed.";
  return [added.length && `Added: ${added.join(', ')}.`, removed.length && `Removed: ${removed.join(', ')}.`].filter(Boolean).join(' ');
}

function updatedRecord(record: ConnectionRecord, ctx: StepContext): ConnectionRecord {
  const { permissionSet: _ps, accessGrants: _grants, activation: _a, verification: _v, ...kept } = ctx.artifacts;
  return {
    ...record,
    artifacts: {
      ...kept,
      permissionSet: record.artifacts.permissionSet ?? {},
      accessGrants: record.artifacts.accessGrants ?? {},
      verification: ctx.artifacts.verification ?? {},
    },
    grants: ctx.desired.grants,
    notInOrg: ctx.desired.skipped.length > 0 ? ctx.desired.skipped : undefined,
    lastVerifiedAt: ctx.artifacts.verification?.verifiedAt ?? record.lastVerifiedAt,
  };
}
