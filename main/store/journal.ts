import { z } from 'zod';
import { runKinds, stepIds, type RunKind, type StepId } from '../../common';
import type { DocumentStoreFactory } from './document-store';

/**
 * The provisioning journal: written before and after every step, so a run that dies half-way can be
 * resumed or rolled back on the next start and nothing in the org is forgotten.
 */
export const journalValueSchema = z.union([z.string(), z.boolean(), z.number(), z.array(z.string()), z.null()]);
export const journalDataSchema = z.record(z.string(), journalValueSchema);
export type JournalData = z.infer<typeof journalDataSchema>;

export const journalStepSchema = z.object({
  id: z.enum(stepIds),
  /** started: about to change the org (intent known); done: finished (result known); undone: rolled back. */
  status: z.enum(['started', 'done', 'undone']),
  intent: journalDataSchema,
  result: journalDataSchema.optional(),
});
export type JournalStep = z.infer<typeof journalStepSchema>;

export const journalRunSchema = z.object({
  id: z.string(),
  kind: z.enum(runKinds),
  orgId: z.string(),
  startedAt: z.string(),
  /** Set when the run itself is unwinding (a failure or an admin's Roll back). */
  rollingBack: z.boolean().default(false),
  steps: z.array(journalStepSchema),
});
export type JournalRun = z.infer<typeof journalRunSchema>;

const journalDocument = z.object({ version: z.literal(1), run: journalRunSchema.nullable() });

export interface Journal {
  /** The unfinished run, if the last process ended in the middle of one. */
  current(): JournalRun | null;
  begin(run: { id: string; kind: RunKind; orgId: string; startedAt: string }): JournalRun;
  started(stepId: StepId, intent: JournalData): void;
  done(stepId: StepId, result: JournalData): void;
  undone(stepId: StepId): void;
  markRollingBack(): void;
  /** The run ended (success, or fully rolled back): nothing left to resume. */
  finish(): void;
}

export function createJournal(stores: DocumentStoreFactory): Journal {
  const document = stores('journal', {
    defaults: { version: 1 as const, run: null as JournalRun | null },
    parse: (raw) => journalDocument.parse(raw),
  });
  const change = (update: (run: JournalRun) => JournalRun): void => {
    const run = document.read().run;
    if (!run) throw new Error('journal: no run in progress');
    document.write({ version: 1, run: update(run) });
  };
  // Steps keep the order they started in: rollback walks that order backwards.
  const setStep = (run: JournalRun, step: JournalStep): JournalRun => {
    const at = run.steps.findIndex((s) => s.id === step.id);
    const steps = at === -1 ? [...run.steps, step] : run.steps.map((s, i) => (i === at ? step : s));
    return { ...run, steps };
  };
  return {
    current: () => document.read().run,
    begin(run) {
      const fresh: JournalRun = { ...run, rollingBack: false, steps: [] };
      document.write({ version: 1, run: fresh });
      return fresh;
    },
    started: (id, intent) => change((run) => setStep(run, { id, status: 'started', intent })),
    done: (id, result) =>
      change((run) => {
        const intent = run.steps.find((s) => s.id === id)?.intent ?? {};
        return setStep(run, { id, status: 'done', intent, result });
      }),
    undone: (id) =>
      change((run) => {
        const step = run.steps.find((s) => s.id === id);
        return step ? setStep(run, { ...step, status: 'undone' }) : run;
      }),
    markRollingBack: () => change((run) => ({ ...run, rollingBack: true })),
    finish: () => document.write({ version: 1, run: null }),
  };
}
