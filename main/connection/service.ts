import type { AccessProfile, ConnectionState, RunKind } from '../../common';
import { fail, toAppError, type AppError } from '../../common/app-error-schema';
import type { ConnectionService } from '../transport/service-interfaces';
import { createConnectionExports } from './connection-exports';
import type { ConnectionCore, ConnectionServiceDeps } from './core';
import { createInspection } from './inspection';
import type { ConnectionRecord } from './record-store';
import { createRunContexts, type RunDeps } from './run-context';
import { createRunOperations } from './run-operations';
import { createRunScheduler } from './scheduler';
import type { AdminSession } from './session-source';
import { projectState } from './state';

export type { ConnectionServiceDeps } from './core';
export type { ConnectionRuntime } from './run-context';

/** The contract's ConnectionService plus what hosts without events (CLI, tests) need. */
export interface ConnectionLifecycle extends ConnectionService {
  /** Resolves with the state once the current run (if any) has ended. */
  settled(): Promise<ConnectionState>;
  /** The state as the admin's profile would leave it (drift when grants are missing); no org writes. */
  profileChanged(profile: AccessProfile): Promise<ConnectionState>;
}

/**
 * The connection service (docs/architecture.md): state projection (state.ts), the run scheduler
 * (scheduler.ts) and the run plans (plans.ts), with the run bodies in build, teardown and undo.
 */
export function createConnectionLifecycle(deps: ConnectionServiceDeps): ConnectionLifecycle {
  const { records, journal, log } = deps;
  const contexts = createRunContexts(deps);
  const run: RunDeps = { records, journal, settings: deps.settings, vault: deps.vault, now: deps.now, contexts };
  const state = (): ConnectionState => projectState(scheduler.live(), journal, records);
  const changed = (): ConnectionState => {
    const current = state();
    deps.events.emit('connection.changed', current);
    return current;
  };
  const session = (): Promise<AdminSession> => deps.auth.session();
  const scheduler = createRunScheduler({ session, events: deps.events, now: deps.now, changed, failed: (admin, kind, error) => runFailed(admin, kind, error) });

  function runFailed(admin: AdminSession, kind: RunKind, error: AppError): void {
    const orgId = admin.identity.orgId;
    log.error(`connection ${kind} failed`, { code: error.code });
    // A cancel before anything changed leaves the connection as it was (an open journal reads "interrupted").
    if (error.code !== 'RUN_CANCELLED') records.update(orgId, { status: 'error', error });
    contexts.audit(admin, orgId, `connection.${kind}`, 'failure', error.message, {});
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
    ...createRunOperations(core),
    ...inspection,
    ...createConnectionExports(core),
  };

  /** A connection left waiting for Salesforce picks its wait up again by itself once there is a session. */
  async function resumeWaitingRun(): Promise<void> {
    if (!deps.runtime.resumeWaiting || scheduler.busy() || state().status !== 'waiting') return;
    try {
      await lifecycle.resume();
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
