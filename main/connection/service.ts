import type {
  AccessProfile,
  ConfirmedPlanInput,
  ConnectionsOverview,
  ConnectionState,
  EnableInput,
  ExportFormat,
  HealthReport,
  PlannedRunKind,
  PreflightReport,
  RebuildPlan,
  RunKind,
  RunPlan,
  VisibilityReport,
  VisibilitySample,
} from '../../common';
import type { OutgoingFile } from '../host-seams';
import { apiLimitError } from '../salesforce/api-limit';
import { fail, toAppError, type AppError } from '../../common/app-error-schema';

import { createConnectionExports } from './connection-exports';
import type { ConnectionCore, ConnectionServiceDeps } from './run/core';
import { createInspection } from './health/inspection';
import { createCheckProblems } from './health/check-problems';
import { checkOrgHealth, type OrgHealth } from './health/org-health';
import type { ConnectionRecord, ConnectionRecordStore } from './record/record-store';
import { createRunContexts, type RunDeps } from './run/run-context';
import { endUnhandled } from './run/outcome';
import { createReviewedRuns } from './review/reviewed-runs';
import { createRunScheduler } from './run/scheduler';
import type { AdminSession } from '../auth/session-source';
import { projectState } from './run/state';
import { createVisibility } from './health/visibility';

export type { ConnectionServiceDeps } from './run/core';
export type { ConnectionRuntime } from './run/run-context';

/** The contract's ConnectionService plus what hosts without events (CLI, tests) need. */
export interface ConnectionLifecycle extends Omit<ConnectionService, 'overview'> {
  /** Resolves with the state once the current run (if any) has ended. */
  settled(): Promise<ConnectionState>;
  /** The state as the admin's profile would leave it (drift when grants are missing); no org writes. */
  profileChanged(profile: AccessProfile): Promise<ConnectionState>;
  /** Plans and confirms in one call, for callers with nobody to show the plan to (not the screens or the CLI). */
  planAndRun(kind: PlannedRunKind, extra?: EnableInput): Promise<ConnectionState>;
  /** The scheduled check of one org with its own profile's session (health/org-health.ts). */
  checkOrg(admin: AdminSession): Promise<OrgHealth>;
  /** A run is under way (the schedule leaves its org alone). */
  busy(): boolean;
}

/**
 * The org the screens show: the signed-in one; signed out, the active profile's own org. Another
 * profile's org is never shown as the active one's (its Turn off would act where the admin is not).
 */
function orgShown(deps: ConnectionServiceDeps, records: ConnectionRecordStore): string | null | undefined {
  const status = deps.auth.status();
  if (status.state === 'signedIn') return status.identity.orgId;
  const { orgProfiles, activeProfileId } = deps.settings.get();
  const active = orgProfiles.find((p) => p.id === activeProfileId);
  if (active?.orgId) return active.orgId;
  const last = records.currentOrgId();
  return last && orgProfiles.some((p) => p.id !== activeProfileId && p.orgId === last) ? null : undefined;
}

/**
 * The connection service (docs/architecture.md): state projection (state.ts), the run scheduler
 * (scheduler.ts) and the run plans (run/step-lists.ts), with the run bodies in build, teardown and undo.
 */
export function createConnectionLifecycle(deps: ConnectionServiceDeps): ConnectionLifecycle {
  const { records, journal, log } = deps;
  const contexts = createRunContexts(deps);
  const run: RunDeps = { records, journal, settings: deps.settings, vault: deps.vault, now: deps.now, contexts };
  const shownOrg = () => orgShown(deps, records);
  const problems = createCheckProblems();
  const state = (): ConnectionState => problems.onto(projectState(scheduler.live(), journal, records, deps.now(), shownOrg()));
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
    apiLimit: (admin, doing) => apiLimitError(contexts.orgClient(admin), doing),
  });

  function runFailed(admin: AdminSession, kind: RunKind, error: AppError): void {
    log.error(`connection ${kind} failed`, { code: error.code });
    endUnhandled(run, admin, kind, error).catch((failure: unknown) =>
      log.error("a run's end could not be recorded", { code: toAppError(failure).code }),
    );
  }

  const requireRecord = (): { orgId: string; record: ConnectionRecord } => {
    const orgId = records.currentOrgId();
    const record = orgId ? records.get(orgId).record : null;
    if (!orgId || !record) fail('NOT_CONNECTED', 'There is no connection yet. Turn on access first.');
    return { orgId, record };
  };

  const core: ConnectionCore = { deps, run, contexts, scheduler, state, changed, session, requireRecord };
  const inspection = createInspection(core, problems);
  const lifecycle: ConnectionLifecycle = {
    state,
    settled: () => scheduler.settled(state),
    ...createReviewedRuns(core),
    ...inspection,
    ...createConnectionExports(core),
    ...createVisibility(core),
    busy: () => scheduler.busy() || journal.current() !== null,
    async checkOrg(admin) {
      const shown = admin.identity.orgId === (shownOrg() ?? records.currentOrgId());
      const { installId, orgClient } = contexts;
      const health = await checkOrgHealth({ ...deps, installId, orgClient, sleep: deps.runtime.sleep }, admin, shown);
      problems.set(admin.identity.orgId, health.problem);
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

export interface ConnectionService {
  state(): ConnectionState;
  preflight(): Promise<PreflightReport>;
  /**
   * userDefaults: the admin's changes to the integration user's defaults, as reviewed before Save;
   * takeOver: replace a connection another install manages (the admin confirmed the agent's key changes).
   */
  enable(input: EnableInput & ConfirmedPlanInput & { takeOver?: boolean; handOver?: boolean }): Promise<ConnectionState>;
  /** What a run would change, read from the org now (no writes); its id is what the run asks for. */
  plan(kind: PlannedRunKind): Promise<RunPlan>;
  /** Each run refuses to start without the id of a fresh plan of its kind (PLAN_REQUIRED, PLAN_STALE). */
  disable(input: ConfirmedPlanInput): Promise<ConnectionState>;
  reconnect(input: ConfirmedPlanInput & { takeOver?: boolean; handOver?: boolean }): Promise<ConnectionState>;
  recreate(input: ConfirmedPlanInput): Promise<ConnectionState>;
  /** removeHandAdded: also remove grants someone added by hand (the admin confirmed). */
  updateAccess(input: ConfirmedPlanInput & { removeHandAdded?: boolean }): Promise<ConnectionState>;
  /**
   * rotateKey, adopt, exportCredentials and a take-over are for the connection's admin only
   * (run/admin-gate.ts); handOver: the admin confirmed they take it over from the one who turned it on.
   */
  rotateKey(input: ConfirmedPlanInput & { handOver?: boolean }): Promise<ConnectionState>;
  /** The smallest fix of what changed in the org; the app, consumer key and certificate stay. */
  repair(input: ConfirmedPlanInput): Promise<ConnectionState>;
  adopt(input: ConfirmedPlanInput & { handOver?: boolean }): Promise<ConnectionState>;
  acceptOrgChange(): Promise<ConnectionState>;
  /** A refreshed sandbox that lacks the agent's app: what Rebuild here would change (no writes). */
  rebuildPlan(): Promise<RebuildPlan>;
  /** Recreates the app with the earlier certificate and, where the org allows, consumer key (the plan's id). */
  rebuildHere(input: ConfirmedPlanInput): Promise<ConnectionState>;
  resume(input: ConfirmedPlanInput): Promise<ConnectionState>;
  rollback(input: ConfirmedPlanInput): Promise<ConnectionState>;
  /** Stops the live run: it rolls back what it created, or stays resumable. The state at once (still running). */
  cancel(): Promise<ConnectionState>;
  check(): Promise<HealthReport>;
  exportDetails(format: ExportFormat): Promise<OutgoingFile>;
  exportCredentials(passphrase: string, options?: { handOver?: boolean }): Promise<OutgoingFile>;
  setupUrl(artifact: 'app' | 'user' | 'permissionSet'): string;
  /** What the agent sees of each object in its access, counted as the agent and as the admin. */
  visibility(): Promise<VisibilityReport>;
  /** Up to 3 records of one object read as the agent; for the screen only. */
  sample(object: string): Promise<VisibilitySample>;
  /** Every org profile with its connection as last checked; reads no org. */
  overview(): Promise<ConnectionsOverview>;
}
