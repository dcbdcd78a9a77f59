import type { RunKind, StepId } from '../../../common';
import { enableSteps, repairSteps, rotateKeySteps, teardownSteps, updateAccessSteps } from '../steps';
import type { Step } from '../steps/step';

/**
 * A run kind is a list over the same steps (docs/architecture.md): what it takes down, then what it
 * builds. The progress the screens and the CLI show derives from it.
 */
export interface Plan {
  /** Taken down first, in this order (the connection's artifacts; app first, so tokens stop). */
  teardown: readonly Step[];
  /** Checks the org before building from nothing. */
  preflight: boolean;
  /** Then built, in this order. */
  build: readonly Step[];
}

/** The kinds that name their own work; Resume and Roll back work on the journaled run's kind. */
export type PlannedKind = Exclude<RunKind, 'resume' | 'rollback'>;

export const plans: Record<PlannedKind, Plan> = {
  enable: { teardown: [], preflight: true, build: enableSteps },
  disable: { teardown: teardownSteps, preflight: false, build: [] },
  reconnect: { teardown: teardownSteps, preflight: true, build: enableSteps },
  recreate: { teardown: teardownSteps, preflight: true, build: enableSteps },
  updateAccess: { teardown: [], preflight: false, build: updateAccessSteps },
  rotateKey: { teardown: [], preflight: false, build: rotateKeySteps },
  repair: { teardown: [], preflight: false, build: repairSteps },
};

/** A journal written by an older version may name Resume or Roll back itself: those were Enable's. */
export const plannedKind = (kind: RunKind): PlannedKind => (kind === 'resume' || kind === 'rollback' ? 'enable' : kind);

export function progressIds(kind: RunKind): StepId[] {
  const plan = plans[plannedKind(kind)];
  return [
    ...plan.teardown.flatMap((s) => (s.removalId ? [s.removalId] : [])),
    ...(plan.preflight ? (['preflight'] as const) : []),
    ...plan.build.map((s) => s.id),
  ];
}

/** Whether the journaled run got past its teardown (a rebuild resumes its build, not its removal). */
export const pastTeardown = (journaled: readonly { id: StepId }[], kind: RunKind): boolean =>
  journaled.some((s) => plans[plannedKind(kind)].build.some((step) => step.id === s.id));
