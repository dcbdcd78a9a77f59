import { randomUUID } from 'node:crypto';
import type { RunKind, UserDefaultsOverride, UserFieldValues } from '../../../common';
import { AppFailure, fail } from '../../../common/app-error-schema';
import type { Artifacts } from '../steps/results';
import { artifactNames } from '../org/names';
import { refuseOwnedElsewhere, snapshotOwnedElsewhere } from '../org/ownership';
import { plans } from './step-lists';
import { firstBlocker, preflightChecks } from '../org/preflight';
import { runSteps } from './outcome';
import type { Run, RunDeps } from './run-context';
import type { AdminSession } from '../../auth/session-source';
import { keyPairInAdvance } from '../steps/key-pair';
import { createsNewUser } from '../steps/integration-user';
import type { StepContext } from '../steps/step';

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
  /** A rebuild in a refreshed sandbox: the consumer key and integration username the agent's credentials name. */
  keep?: { consumerKey: string; username?: string };
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
  if (options.keep) {
    ctx.run.consumerKey = options.keep.consumerKey;
    if (options.keep.username) ctx.run.username = options.keep.username;
  }
  if (userFields) ctx.run.userFields = userFields;
  records.update(orgId, { coexisting: ctx.snapshot.coexisting ?? undefined }, false);
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
  const plan = plans.enable;
  const end = { deps, admin, operation: `connection.${kind}`, plan, run, ctx, steps: plan.build, previous: null, createdAt };
  await runSteps(end);
}

function refuseOwnedElsewhereBeforeBuild(ctx: StepContext, installId: string, takeOver: boolean, tracker: Run['tracker']): void {
  try {
    refuseOwnedElsewhere(snapshotOwnedElsewhere(ctx.snapshot, installId), takeOver, 'enable');
  } catch (error) {
    tracker.set('preflight', 'failed');
    throw error;
  }
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
  const plan = plans.updateAccess;
  await runSteps({ deps, admin, operation: 'connection.updateAccess', plan, run, ctx, steps: plan.build, previous: record });
}
