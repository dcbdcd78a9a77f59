import type { RunProgress } from '../common';

/**
 * How long each of the app's steps took, from the progress events: a step runs from the event that
 * shows it `running` to the one that shows it in any other state.
 */
export interface StepClock {
  observe(run: RunProgress, at: number): void;
  /** Milliseconds by step id since the last take. */
  take(): Record<string, number>;
}

export function createStepClock(): StepClock {
  const running = new Map<string, number>();
  let totals: Record<string, number> = {};
  return {
    observe(run, at) {
      for (const step of run.steps) {
        const since = running.get(step.id);
        if (step.state === 'running' && since === undefined) running.set(step.id, at);
        if (step.state !== 'running' && since !== undefined) {
          totals[step.id] = (totals[step.id] ?? 0) + (at - since);
          running.delete(step.id);
        }
      }
    },
    take() {
      const taken = totals;
      totals = {};
      running.clear();
      return taken;
    },
  };
}
