import type { AccessProfile, ConnectionState, EnableInput, PlannedRunKind, RunKind } from '../../common';
import { fail, toAppError, type AppError } from '../../common/app-error-schema';
import type { ConnectionService } from '../transport/service-interfaces';
import { createConnectionExports } from './connection-exports';
import type { ConnectionCore, ConnectionServiceDeps } from './core';
import { createInspection } from './inspection';
import { checkOrgHealth, type OrgHealth } from './org-health';
import type { ConnectionRecord } from './record-store';
import { createRunContexts, wasAudited, type RunDeps } from './run-context';
import { createReviewedRuns } from './reviewed-runs';
import { createRunScheduler } from './scheduler';
import type { AdminSession } from './session-source';
import { projectState } from './state';
import { createVisibility } from './visibility';

export type { ConnectionServiceDeps } from './core';
export type { ConnectionRuntime } from './run-context';

/** The contract's ConnectionService plus what hosts without events (CLI, tests) need. */
export interface ConnectionLifecycle extends Omit<ConnectionService, 'overview'> {
  /** Resolves with the state once the current run (if any) has ended. */
  settled(): Promise<ConnectionState>;
  /** The state as the admin's profile would leave it (drift when grants are missing); no org writes. */
  profileChanged(profile: AccessProfile): Promise<ConnectionState>;
  /** Plans and confirms in one call, for callers with nobody to show the plan to (not the screens or the CLI). */
  planAndRun(kind: PlannedRunKind, extra?: EnableInput): Promise<ConnectionState>;
  /** The scheduled check of one org with its own profile's session (org-health.ts). */
  checkOrg(admin: AdminSession): Promise<OrgHealth>;
  /** A run is under way (the schedule leaves its org alone). */
  busy(): boolean;
}

/**
 * The connection service (docs/architecture.md): state projection (state.ts), the run scheduler
 * (scheduler.ts) and the run plans (plans.ts), with the run bodies in build, teardown and undo.
 */
export function createConnectionLifecycle(deps: ConnectionServiceDeps): ConnectionLifecycle {
  const { records, journal, log } = deps;
  const contexts = createRunContexts(deps);
  const run: RunDeps = { records, journal, settings: deps.settings, vault: deps.vault, now: deps.now, contexts };
  const signedInOrg = (): string | null => {
    const status = deps.auth.status();
    return status.state === 'signedIn' ? status.identity.orgId : null;
  };
  const state = (): ConnectionState => projectState(scheduler.live(), journal, records, deps.now(), signedInOrg());
  const changed = (): ConnectionState => {
    const current = state();
    deps.events.emit('connection.changed', current);
    return current;
  };
  const session = (): Promise<AdminSession> => deps.auth.session();
  const scheduler = createRunScheduler({
    session,
    events: deps.events,
    now: deps.now,
    changed,
    failed: (admin, kind, error) => runFailed(admin, kind, error),
  });

  function runFailed(admin: AdminSession, kind: RunKind, error: AppError): void {
    const orgId = admin.identity.orgId;
    log.error(`connection ${kind} failed`, { code: error.code });
    // A cancel before anything changed leaves the connection as it was (an open journal reads "interrupted").
    // A plan refused because the org changed since the review wrote nothing: the connection stays as it was.
    if (error.code === 'PLAN_STALE') records.update(orgId, { error });
    else if (error.code !== 'RUN_CANCELLED') records.update(orgId, { status: 'error', error });
    if (!wasAudited(error))
      contexts.audit(admin, orgId, `connection.${kind}`, error.code === 'RUN_CANCELLED' ? 'cancelled' : 'failure', error.message, {});
  }

  const requireRecord = (): { orgId: string; record: ConnectionRecord } => {
    const orgId = records.currentOrgId();
    const record = orgId ? records.get(orgId).record : null;
    if (!orgId || !record) fail('NOT_CONNECTED', 'There is no connection yet. Turn on access first.');
    return { orgId, record };
  };

  const core: ConnectionCore = { deps, run, contexts, scheduler, state, changed, session, requireRecord };
  const inspection = createInspection(core);
  const lifecycle: ConnectionLifecycle = {
    state,
    settled: () => scheduler.settled(state),
    ...createReviewedRuns(core),
    ...inspection,
    ...createConnectionExports(core),
    ...createVisibility(core),
    busy: () => scheduler.busy() || journal.current() !== null,
    async checkOrg(admin) {
      const shown = admin.identity.orgId === (signedInOrg() ?? records.currentOrgId());
      const health = await checkOrgHealth({ ...deps, installId: contexts.installId, orgClient: contexts.orgClient }, admin, shown);
      if (shown) changed();
      return health;
    },
  };

  /** A connection left waiting for Salesforce picks its wait up again by itself once there is a session. */
  async function resumeWaitingRun(): Promise<void> {
    if (!deps.runtime.resumeWaiting || scheduler.busy() || state().status !== 'waiting') return;
    try {
      await lifecycle.planAndRun('resume');
    } catch (error) {
      log.info('the wait for Salesforce resumes after the next sign-in', { code: toAppError(error).code });
    }
  }

  deps.auth.onSignedIn(() => {
    if (state().status === 'waiting') void resumeWaitingRun();
    else void inspection.check().catch((error: unknown) => log.warn('health check after sign-in failed', { code: toAppError(error).code }));
  });
  void resumeWaitingRun();
  return lifecycle;
}
