import type { ConnectionState, RunKind, StepId } from '../../../common';
import { AppFailure, type AppError } from '../../../common/app-error-schema';
import { salesforceAppError } from '../../salesforce/errors';
import type { EventSink } from '../../host-seams';
import { operationInProgress, runCancelled } from '../org/messages';
import { isApiLimit } from '../../salesforce/api-limit';
import { RunTracker } from './provisioner';
import type { AdminSession } from '../../auth/session-source';

export interface LiveRun {
  orgId: string;
  tracker: RunTracker;
  controller: AbortController;
  /** A roll-back is not cancelled: it is what a cancel does. */
  cancellable: boolean;
}

export interface SchedulerDeps {
  session(): Promise<AdminSession>;
  events: EventSink;
  now: () => Date;
  /** A run ended with an error nothing inside it handled. */
  failed(admin: AdminSession, kind: RunKind, error: AppError): void;
  /** The org's API figures for a run the API limit stopped (fact API-REQUEST-LIMIT). */
  apiLimit(admin: AdminSession, doing: string): Promise<AppError>;
  /** The state now, sent to the screens. */
  changed(): ConnectionState;
}

export type RunBody = (admin: AdminSession, run: { tracker: RunTracker; signal: AbortSignal }) => Promise<void>;

/** One run at a time, in the background: its progress, its end, and the admin's Cancel. */
export function createRunScheduler(deps: SchedulerDeps) {
  let live: LiveRun | null = null;
  let running: Promise<ConnectionState> | null = null;
  /** A run between its request and its first step (the session is being fetched). */
  let starting: Promise<AdminSession> | null = null;

  /** Runs `body` in the background; returns the "running" state at once. */
  async function start(kind: RunKind, ids: readonly StepId[], body: RunBody, cancellable = true): Promise<ConnectionState> {
    if (running || starting) throw new AppFailure(operationInProgress());
    starting = deps.session();
    let admin: AdminSession;
    try {
      admin = await starting;
    } finally {
      starting = null;
    }
    const tracker = new RunTracker(
      kind,
      deps.now().toISOString(),
      ids,
      (run) => deps.events.emit('connection.progress', structuredClone(run)),
      deps.now,
    );
    const controller = new AbortController();
    live = { orgId: admin.identity.orgId, tracker, controller, cancellable };
    running = body(admin, { tracker, signal: controller.signal })
      .catch(async (error: unknown) => {
        const doing = `the ${kind} run`;
        if (isApiLimit(error)) return deps.failed(admin, kind, await deps.apiLimit(admin, doing));
        deps.failed(admin, kind, error instanceof AppFailure ? error.error : salesforceAppError(error, doing));
      })
      .then(() => {
        live = null;
        running = null;
        return deps.changed();
      });
    return deps.changed();
  }

  return {
    start,
    live: (): LiveRun | null => live,
    busy: (): boolean => running !== null || starting !== null,
    /** Asks the live run to stop; it ends (rolled back or resumable) on its own. False when nothing can be cancelled. */
    cancel(): boolean {
      if (!live?.cancellable || live.controller.signal.aborted) return false;
      live.controller.abort(new AppFailure(runCancelled()));
      return true;
    },
    async settled(state: () => ConnectionState): Promise<ConnectionState> {
      // A run whose session is still being fetched has not begun, but is about to.
      await starting?.catch(() => undefined);
      return running ?? state();
    },
  };
}

export type RunScheduler = ReturnType<typeof createRunScheduler>;
