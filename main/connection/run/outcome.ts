import type { RunKind } from '../../../common';
import { AppFailure, type AppError } from '../../../common/app-error-schema';
import type { AdminSession } from '../../auth/session-source';
import { salesforceAppError } from '../../salesforce/errors';
import { rollbackLeftovers, runCancelled } from '../org/messages';
import type { ConnectionRecord } from '../record/record-store';
import type { Step, StepContext } from '../steps/step';
import { provision, rollBack } from './provisioner';
import type { Run, RunDeps } from './run-context';
import { plannedKind, plans, type Plan } from './step-lists';

/**
 * Every way a run ends. `endRun` handles each in one switch, so a new one is a compile error until
 * it is handled (as Signal Desktop's JobManager does with a job's status).
 */
export type RunOutcome =
  /** Every step done: the kind's success effect is recorded. */
  | { status: 'finished' }
  /** Salesforce has not accepted the agent yet (fact ACTIVATION-PROPAGATION): nothing is taken back. */
  | { status: 'waiting'; failure: AppError }
  /** The admin cancelled, or asked to roll back an interrupted run: what the run made is taken back. */
  | { status: 'cancelled'; by: 'admin' | 'rollback'; failure?: AppError }
  /** Something failed: what the run made is taken back, and the failure named. */
  | { status: 'failed'; failure: AppError };

/** The run that ends: its kind, and what it ran on. */
export interface RunEnd {
  deps: RunDeps;
  admin: AdminSession;
  /** The audit's name for it, e.g. `connection.enable`. */
  operation: string;
  plan: Plan;
  run: Run | null;
  /** The run's step context; null when it ended before it had one (there is nothing to take back). */
  ctx: StepContext | null;
  steps: readonly Step[];
  /** The connection's record before the run. */
  previous: ConnectionRecord | null;
  /** When the connection was first made (a rebuild keeps it); null for a new one. */
  createdAt?: string | null;
}

/** Failures a run already wrote to the audit log as it ended, so the scheduler's catch-all does not write them twice. */
const auditedFailures = new WeakSet<AppError>();
const markAudited = (error: AppError): AppError => (auditedFailures.add(error), error);

/** How a run that threw ended: a cancel, "not accepted yet" (for kinds that wait) or a failure. */
export function outcomeOf(error: unknown, signal: AbortSignal, plan: Plan): RunOutcome {
  if (signal.aborted) return { status: 'cancelled', by: 'admin' };
  const failure = error instanceof AppFailure ? error.error : salesforceAppError(error, plan.doing);
  if (failure.code === 'ACTIVATION_TIMEOUT' && plan.waits) return { status: 'waiting', failure };
  return { status: 'failed', failure };
}

/** Runs the end's steps and ends the run by how they went; a failure is thrown once recorded. */
export async function runSteps(end: RunEnd & { ctx: StepContext; run: Run }): Promise<void> {
  let outcome: RunOutcome = { status: 'finished' };
  try {
    await provision(end.ctx, end.steps, end.deps.journal, end.run.tracker);
  } catch (error) {
    outcome = outcomeOf(error, end.run.signal, end.plan);
  }
  const failure = await endRun(end, outcome);
  if (failure) throw failure;
}

/**
 * The one place a run ends: the connection's record, the journal and the audit log as the outcome
 * leaves them. Returns the failure the run reports to its caller, if any.
 */
export async function endRun(end: RunEnd, outcome: RunOutcome): Promise<AppFailure | null> {
  switch (outcome.status) {
    case 'finished':
      await finished(end);
      return null;
    case 'waiting':
      waiting(end, outcome.failure);
      return null;
    case 'cancelled':
      await takenBack(end, outcome);
      return null;
    case 'failed':
      return failed(end, outcome.failure);
    default:
      return unhandled(outcome);
  }
}

/** A run ended with an error nothing inside it handled (the scheduler's catch-all): it ends here too. */
export async function endUnhandled(deps: RunDeps, admin: AdminSession, kind: RunKind, error: AppError): Promise<void> {
  const plan = plans[plannedKind(kind)];
  const end: RunEnd = { deps, admin, operation: `connection.${kind}`, plan, run: null, ctx: null, steps: [], previous: null };
  // A cancel before anything changed leaves the connection as it was (an open journal reads "interrupted").
  const cancelled = error.code === 'RUN_CANCELLED';
  await endRun(end, cancelled ? { status: 'cancelled', by: 'admin', failure: error } : { status: 'failed', failure: error });
}

function unhandled(outcome: never): never {
  throw new Error(`A run ended in a way nothing handles: ${JSON.stringify(outcome)}`);
}

async function finished(end: RunEnd): Promise<void> {
  const { deps, admin, ctx, plan } = end;
  deps.journal.finish();
  // A removal names what it removed as it goes (teardown.ts): it has no success effect of its own.
  if (!ctx || !plan.finished) return;
  const { patch, summary } = await plan.finished({ ctx, admin, previous: end.previous, createdAt: end.createdAt ?? null, now: deps.now });
  const orgId = admin.identity.orgId;
  deps.records.update(orgId, { status: 'connected', error: undefined, drift: undefined, leftovers: undefined, ...patch });
  deps.contexts.audit(admin, orgId, end.operation, 'success', summary, ctx.artifacts);
}

/** Nothing is rolled back and the journal stays open at activation: Keep waiting resumes, Roll back removes. */
function waiting(end: RunEnd, failure: AppError): void {
  const { deps, admin, ctx, plan, run } = end;
  const orgId = admin.identity.orgId;
  const startedAt = run?.tracker.progress.startedAt ?? deps.now().toISOString();
  const since = ctx && plan.waits && run ? plan.waits.since(ctx, run.tracker.progress) : startedAt;
  deps.records.update(orgId, {
    status: 'waiting',
    error: failure,
    waiting: { since, until: deps.now().toISOString() },
    leftovers: undefined,
  });
  deps.contexts.audit(admin, orgId, end.operation, 'partial', plan.waits?.summary(since, failure) ?? failure.message, ctx?.artifacts ?? {});
}

/**
 * What the run created is taken back, under a signal that never aborts (the roll-back is not cut
 * short). What could not be removed keeps the journal open: the connection reads "interrupted" and
 * can be rolled back again or resumed. A cancel before the run had a context changed nothing.
 */
async function takenBack(end: RunEnd, outcome: Extract<RunOutcome, { status: 'cancelled' }>): Promise<void> {
  const { deps, admin, ctx, plan } = end;
  const orgId = admin.identity.orgId;
  if (!ctx) {
    const failure = outcome.failure ?? runCancelled();
    if (!auditedFailures.has(failure)) deps.contexts.audit(admin, orgId, end.operation, 'cancelled', failure.message, {});
    return;
  }
  const leftovers = await takeBack(end, ctx);
  const user = ctx.artifacts.integrationUser;
  // The user this run made is deactivated, not deleted (Salesforce keeps users): the next build reuses it.
  const madeUser = plan.build.some((s) => s.id === 'integrationUser');
  const retired = madeUser && user?.id && user.username ? { retiredUser: { id: user.id, username: user.username } } : {};
  const putBack = plan.putBack(end.previous, outcome.by);
  deps.records.update(
    orgId,
    leftovers.length
      ? { status: 'error', error: rollbackLeftovers(leftovers), leftovers, waiting: undefined, ...retired }
      : { ...putBack, leftovers: undefined, waiting: undefined, ...retired },
  );
  const summary =
    outcome.by === 'rollback'
      ? leftovers.join('; ') || 'Rolled back the interrupted run.'
      : leftovers.length
        ? `Cancelled; could not remove: ${leftovers.join('; ')}`
        : plan.cancelledSummary;
  const result = leftovers.length ? 'partial' : outcome.by === 'rollback' ? 'success' : 'cancelled';
  deps.contexts.audit(admin, orgId, end.operation, result, summary, ctx.artifacts);
}

/** Rolls the run's steps back; the journal closes once nothing is left over. */
async function takeBack(end: RunEnd, ctx: StepContext): Promise<string[]> {
  const { journal } = end.deps;
  const leftovers = end.run ? await rollBack(end.deps.contexts.rollbackContext(ctx), end.steps, journal, end.run.tracker) : [];
  if (leftovers.length === 0) journal.finish();
  return leftovers;
}

/** What the run created is taken back and the failure recorded once; a plan the org outdated wrote nothing. */
async function failed(end: RunEnd, failure: AppError): Promise<AppFailure> {
  const { deps, admin, ctx, plan } = end;
  const orgId = admin.identity.orgId;
  const leftovers = ctx ? await takeBack(end, ctx) : [];
  const again = plan.retriedWhenClean === true && leftovers.length === 0;
  const action = again ? ('retry' as const) : plan.failedAction;
  const named =
    action && ctx && (failure.action === undefined || failure.action === 'retry')
      ? { ...failure, action, ...(again && { params: { ...failure.params, run: 'enable' } }) }
      : failure;
  if (named.code === 'PLAN_STALE') deps.records.update(orgId, { error: named });
  else if (ctx) deps.records.update(orgId, { status: 'error', error: named, leftovers, waiting: undefined });
  else deps.records.update(orgId, { status: 'error', error: named });
  if (!auditedFailures.has(failure)) {
    const summary = ctx ? plan.failedSummary(named) : named.message;
    deps.contexts.audit(admin, orgId, end.operation, leftovers.length ? 'partial' : 'failure', summary, ctx?.artifacts ?? {});
  }
  return new AppFailure(markAudited(named));
}
