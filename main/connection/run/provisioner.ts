import type { RunKind, RunProgress, StepId, StepNoteKey, StepProgress } from '../../../common';
import { AppFailure } from '../../../common/app-error-schema';
import { compositeChain } from '../../salesforce/composite-chain';
import { salesforceAppError, toSalesforceError } from '../../salesforce/errors';
import { pauseBeforeRetry, withRetry } from '../../salesforce/retry';
import type { Journal, JournalRun, JournalStep } from '../../store/journal';
import type { Artifacts } from '../steps/results';
import { resultOf, setResult, type StepResult } from '../steps/results';
import { apiLimitError, isApiLimit } from '../../salesforce/api-limit';
import { stepDoing, stepNoteText } from './step-notes';
import type { ComposedChange, Step, StepContext } from '../steps/step';

const noted = (key: StepNoteKey) => ({ note: stepNoteText[key], noteKey: key });

/** The live progress of one run, pushed to the renderer and the CLI on every change. */
export class RunTracker {
  readonly progress: RunProgress;
  constructor(
    kind: RunKind,
    startedAt: string,
    stepIds: readonly StepId[],
    private readonly emit: (run: RunProgress) => void,
    private readonly now: () => Date,
  ) {
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
  intent: StepResult<StepId>;
  change: ComposedChange;
}

/**
 * Moves the org forward through `steps`, journaling before and after each. Neighbouring steps that
 * can be expressed as subrequests are sent together, in as few all-or-none Composites as the limits
 * allow; a transient failure re-reads the org and starts again from the first unfinished step (whose
 * `find` adopts what went through, also what an earlier Composite of the group made).
 */
export async function provision(ctx: StepContext, steps: readonly Step[], journal: Journal, tracker: RunTracker): Promise<void> {
  const restart = await new Provisioning(ctx, steps, journal, tracker).run();
  if (restart) return provision(ctx, steps, journal, tracker);
  // A cancel that lands during the last step still ends the run cancelled: the admin asked for nothing to stay.
  ctx.signal.throwIfAborted();
}

/** One pass of `provision`: each method takes the index of a step and returns the index to continue at. */
class Provisioning {
  private readonly done: Map<StepId, StepResult<StepId>>;
  private readonly failures = new Map<number, number>();
  private pending: Pending[] = [];
  private groupStart = 0;

  constructor(
    private readonly ctx: StepContext,
    private readonly steps: readonly Step[],
    private readonly journal: Journal,
    private readonly tracker: RunTracker,
  ) {
    const finished = (journal.current()?.steps ?? []).filter((s) => s.status === 'done');
    this.done = new Map(finished.map((s) => [s.id, resultOf(s.id, s.result)]));
  }

  /** Returns true when the last shared request failed and the run must start over from the journal. */
  async run(): Promise<boolean> {
    let index = 0;
    while (index < this.steps.length) {
      // Between steps is where a cancel lands; a request already sent finishes first.
      this.ctx.signal.throwIfAborted();
      const step = this.steps[index];
      if (!step) break;
      index = await this.advance(index, step);
    }
    return (await this.flush()) !== null;
  }

  private async advance(index: number, step: Step): Promise<number> {
    const previous = this.done.get(step.id);
    if (previous) {
      setResult(this.ctx.artifacts, step.id, previous);
      this.tracker.set(step.id, 'done');
      return index + 1;
    }
    let found: StepResult<StepId> | null;
    try {
      found = await step.find(this.ctx);
    } catch (error) {
      if (error instanceof AppFailure) throw error;
      return this.recover(index, step, error);
    }
    return found ? this.adopt(index, step, found) : this.create(index, step);
  }

  private async adopt(index: number, step: Step, found: StepResult<StepId>): Promise<number> {
    const restart = await this.flush();
    if (restart !== null) return restart;
    this.record(step, found, true);
    return index + 1;
  }

  private async create(index: number, step: Step): Promise<number> {
    const change = step.compose?.(this.ctx) ?? null;
    if (change) {
      if (this.pending.length === 0) this.groupStart = index;
      this.pending.push({ step, intent: step.intent(this.ctx), change });
      setResult(this.ctx.artifacts, step.id, change.provisional);
      return index + 1;
    }
    const restart = await this.flush();
    if (restart !== null) return restart;
    this.journal.started(step.id, step.intent(this.ctx));
    this.tracker.set(step.id, 'running');
    try {
      this.record(step, await step.apply(this.ctx), false);
      return index + 1;
    } catch (error) {
      return this.recover(index, step, error);
    }
  }

  private record(step: Step, result: StepResult<StepId>, adopted: boolean): void {
    setResult(this.ctx.artifacts, step.id, result);
    this.done.set(step.id, result);
    if (adopted) this.journal.started(step.id, result);
    this.journal.done(step.id, result);
    this.tracker.set(step.id, 'done');
  }

  /** Handles a failure of the step(s) starting at `from`; returns the index to continue at. */
  private async recover(from: number, owner: Step, error: unknown): Promise<number> {
    const attempt = (this.failures.get(from) ?? 0) + 1;
    this.failures.set(from, attempt);
    for (const p of this.pending) delete this.ctx.artifacts[p.step.id];
    this.pending = [];
    if (this.ctx.signal.aborted) throw error;
    if (owner.retryOn?.(this.ctx, error, attempt)) return from;
    if (await pauseBeforeRetry(this.ctx.retry, error, attempt)) {
      await this.ctx.refresh();
      return from;
    }
    if (owner.explain) owner.explain(this.ctx, error);
    if (isApiLimit(error)) throw new AppFailure(await apiLimitError(this.ctx.client, stepDoing[owner.id]));
    if (error instanceof AppFailure) throw error;
    throw new AppFailure(salesforceAppError(error, stepDoing[owner.id]));
  }

  /** Sends the pending group (fact COMPOSITE-LIMITS: one Composite, or a chain of them); returns null, or the index to restart at. */
  private async flush(): Promise<number | null> {
    if (this.pending.length === 0) return null;
    const group = this.pending;
    for (const p of group) {
      this.journal.started(p.step.id, p.intent);
      this.tracker.set(p.step.id, 'running');
    }
    let bodies: Map<string, unknown>;
    try {
      bodies = await compositeChain(
        this.ctx.client,
        group.flatMap((p) => p.change.requests),
      );
    } catch (error) {
      const ref = toSalesforceError(error).referenceId;
      const owner = group.find((p) => p.change.requests.some((r) => r.referenceId === ref))?.step ?? group[0]?.step;
      return owner ? this.recover(this.groupStart, owner, error) : this.groupStart;
    }
    this.pending = [];
    for (const p of group) this.record(p.step, p.change.accept(bodies), false);
    return null;
  }
}

/** Rebuilds what a journaled run created, e.g. after a restart. */
export function artifactsOf(run: JournalRun | null): Artifacts {
  const artifacts: Artifacts = {};
  for (const step of run?.steps ?? []) if (step.status === 'done' && step.result) setResult(artifacts, step.id, step.result);
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
      let target = resultOf(step.id, entry.result);
      if (entry.status === 'started') {
        if (!refreshed) {
          await ctx.refresh();
          refreshed = true;
        }
        target = (await findQuietly(step, ctx)) ?? resultOf(step.id, entry.intent);
      }
      await withRetry(ctx.retry, () => step.undo(ctx, target));
      journal.undone(step.id);
      tracker.set(step.id, 'undone');
    } catch (error) {
      const named = resultOf(step.id, entry.result ?? entry.intent);
      leftovers.push(`${step.removalText ? step.removalText(ctx, named) : step.id} (${toSalesforceError(error).message})`);
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
async function findQuietly(step: Step, ctx: StepContext): Promise<StepResult<StepId> | null> {
  try {
    return await step.find(ctx);
  } catch {
    return null;
  }
}
