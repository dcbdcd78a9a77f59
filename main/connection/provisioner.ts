import type { RunKind, RunProgress, StepId, StepNoteKey, StepProgress } from '../../common';
import { AppFailure } from '../../common/app-error-schema';
import { COMPOSITE_LIMIT, COMPOSITE_QUERY_LIMIT } from '../salesforce/client';
import { salesforceAppError, toSalesforceError } from '../salesforce/errors';
import { pauseBeforeRetry, withRetry } from '../salesforce/retry';
import type { Journal, JournalData, JournalRun, JournalStep } from '../store/journal';
import type { Artifacts } from './artifacts';
import { stepNoteText } from './step-notes';
import type { ComposedChange, Step, StepContext } from './steps/step';

const noted = (key: StepNoteKey) => ({ note: stepNoteText[key], noteKey: key });

/** The live progress of one run, pushed to the renderer and the CLI on every change. */
export class RunTracker {
  readonly progress: RunProgress;
  constructor(kind: RunKind, startedAt: string, stepIds: readonly StepId[], private readonly emit: (run: RunProgress) => void, private readonly now: () => Date) {
    this.progress = { kind, startedAt, steps: stepIds.map((id) => ({ id, state: 'pending' })) };
  }
  set(id: StepId, state: StepProgress['state'], note?: StepNoteKey): void {
    const step = this.progress.steps.find((s) => s.id === id);
    if (!step) return;
    const at = this.now().toISOString();
    if (state === 'running') step.startedAt = at;
    if (state !== 'running' && state !== 'pending') step.finishedAt = at;
    step.state = state;
    if (note) Object.assign(step, noted(note));
    this.emit(this.progress);
  }
  note(id: StepId, note: StepNoteKey): void {
    const step = this.progress.steps.find((s) => s.id === id);
    if (step) Object.assign(step, noted(note));
    this.emit(this.progress);
  }
  activation(value: RunProgress['activation']): void {
    this.progress.activation = value;
    this.emit(this.progress);
  }
}

interface Pending {
  step: Step;
  intent: JournalData;
  change: ComposedChange;
}

function fits(pending: Pending[], change: ComposedChange): boolean {
  const all = [...pending.flatMap((p) => p.change.requests), ...change.requests];
  const heavy = all.filter((r) => r.url.startsWith('/query') || r.url.startsWith('/composite/sobjects')).length;
  return all.length <= COMPOSITE_LIMIT && heavy <= COMPOSITE_QUERY_LIMIT;
}

/**
 * Moves the org forward through `steps`, journaling before and after each. Steps that can be
 * expressed as subrequests share one all-or-none Composite call; a transient failure re-reads the
 * org and starts again from the first unfinished step (whose `find` adopts what went through).
 */
export async function provision(ctx: StepContext, steps: readonly Step[], journal: Journal, tracker: RunTracker): Promise<void> {
  const done = new Map((journal.current()?.steps ?? []).filter((s) => s.status === 'done').map((s) => [s.id, s.result ?? {}]));
  const failures = new Map<number, number>();
  let index = 0;
  let pending: Pending[] = [];
  let groupStart = 0;

  const record = (step: Step, result: JournalData, adopted: boolean) => {
    ctx.artifacts[step.id] = result;
    done.set(step.id, result);
    if (adopted) journal.started(step.id, result);
    journal.done(step.id, result);
    tracker.set(step.id, 'done');
  };

  /** Handles a failure of the step(s) starting at `from`; returns the index to continue at. */
  const recover = async (from: number, owner: Step, error: unknown): Promise<number> => {
    const attempt = (failures.get(from) ?? 0) + 1;
    failures.set(from, attempt);
    for (const p of pending) delete ctx.artifacts[p.step.id];
    pending = [];
    if (ctx.signal.aborted) throw error;
    if (owner.retryOn?.(ctx, error, attempt)) return from;
    if (await pauseBeforeRetry(ctx.retry, error, attempt)) {
      await ctx.refresh();
      return from;
    }
    if (owner.explain) owner.explain(ctx, error);
    if (error instanceof AppFailure) throw error;
    throw new AppFailure(salesforceAppError(error, `running step "${owner.id}"`));
  };

  const flush = async (): Promise<number | null> => {
    if (pending.length === 0) return null;
    const group = pending;
    for (const p of group) {
      journal.started(p.step.id, p.intent);
      tracker.set(p.step.id, 'running');
    }
    let bodies: Map<string, unknown>;
    try {
      bodies = await ctx.client.compositeAllOrNone(group.flatMap((p) => p.change.requests));
    } catch (error) {
      const ref = toSalesforceError(error).referenceId;
      const owner = group.find((p) => p.change.requests.some((r) => r.referenceId === ref))?.step ?? group[0]?.step;
      return owner ? recover(groupStart, owner, error) : groupStart;
    }
    pending = [];
    for (const p of group) record(p.step, p.change.accept(bodies), false);
    return null;
  };

  while (index < steps.length) {
    // Between steps is where a cancel lands; a request already sent finishes first.
    ctx.signal.throwIfAborted();
    const step = steps[index];
    if (!step) break;
    const previous = done.get(step.id);
    if (previous) {
      ctx.artifacts[step.id] = previous;
      tracker.set(step.id, 'done');
      index++;
      continue;
    }
    let found: JournalData | null;
    try {
      found = await step.find(ctx);
    } catch (error) {
      if (error instanceof AppFailure) throw error;
      index = await recover(index, step, error);
      continue;
    }
    if (found) {
      const restart = await flush();
      if (restart !== null) {
        index = restart;
        continue;
      }
      record(step, found, true);
      index++;
      continue;
    }
    const change = step.compose?.(ctx) ?? null;
    if (change && fits(pending, change)) {
      if (pending.length === 0) groupStart = index;
      pending.push({ step, intent: step.intent(ctx), change });
      ctx.artifacts[step.id] = change.provisional;
      index++;
      continue;
    }
    const restart = await flush();
    if (restart !== null) {
      index = restart;
      continue;
    }
    if (change) continue; // it did not fit with the others: compose it again with real ids
    journal.started(step.id, step.intent(ctx));
    tracker.set(step.id, 'running');
    try {
      record(step, await step.apply(ctx), false);
      index++;
    } catch (error) {
      index = await recover(index, step, error);
    }
  }
  const restart = await flush();
  if (restart !== null) return provision(ctx, steps, journal, tracker);
  // A cancel that lands during the last step still ends the run cancelled: the admin asked for nothing to stay.
  ctx.signal.throwIfAborted();
}

/** Rebuilds what a journaled run created, e.g. after a restart. */
export function artifactsOf(run: JournalRun | null): Artifacts {
  const artifacts: Artifacts = {};
  for (const step of run?.steps ?? []) if (step.status === 'done' && step.result) artifacts[step.id] = step.result;
  return artifacts;
}

/**
 * Takes back what the journaled run did, newest first. A step that started but never finished is
 * looked for in the org first (the change may or may not have gone through). Returns what could
 * not be removed, in the admin's words.
 */
export async function rollBack(ctx: StepContext, steps: readonly Step[], journal: Journal, tracker: RunTracker): Promise<string[]> {
  const run = journal.current();
  if (!run) return [];
  journal.markRollingBack();
  const leftovers: string[] = [];
  let refreshed = false;
  for (const entry of [...withUnjournaledSteps(run.steps, steps)].reverse()) {
    if (entry.status === 'undone') continue;
    const step = steps.find((s) => s.id === entry.id);
    if (!step) continue;
    if (step.changesNothing) {
      // Nothing to look for: a failed look at the org must not leave the run open as if something were left behind.
      journal.undone(step.id);
      tracker.set(step.id, 'undone');
      continue;
    }
    try {
      let target = entry.result;
      if (entry.status === 'started') {
        if (!refreshed) {
          await ctx.refresh();
          refreshed = true;
        }
        target = (await findQuietly(step, ctx)) ?? entry.intent;
      }
      await withRetry(ctx.retry, () => step.undo(ctx, target ?? {}));
      journal.undone(step.id);
      tracker.set(step.id, 'undone');
    } catch (error) {
      leftovers.push(`${step.removalText ? step.removalText(ctx, entry.result ?? entry.intent) : step.id} (${toSalesforceError(error).message})`);
      tracker.set(step.id, 'failed');
    }
  }
  return leftovers;
}

/**
 * Neighbouring steps share one all-or-none request, so a process that died while a step was
 * 'started' may have had later steps created by that same request before the journal heard of
 * them. Those later steps are looked up too (as 'started', intent unknown), so nothing is orphaned.
 */
function withUnjournaledSteps(entries: JournalStep[], steps: readonly Step[]): JournalStep[] {
  if (!entries.some((e) => e.status === 'started')) return entries;
  const journaled = new Set(entries.map((e) => e.id));
  const lastIndex = Math.max(...entries.map((e) => steps.findIndex((s) => s.id === e.id)));
  const later = steps.slice(lastIndex + 1).filter((s) => !journaled.has(s.id));
  return [...entries, ...later.map((s): JournalStep => ({ id: s.id, status: 'started', intent: {} }))];
}

/** A look-up during rollback: someone else's artifact (a refusal) just means there is nothing of ours. */
async function findQuietly(step: Step, ctx: StepContext): Promise<JournalData | null> {
  try {
    return await step.find(ctx);
  } catch {
    return null;
  }
}
