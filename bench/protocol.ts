import { z } from 'zod';

/**
 * Messages between the bench (which owns the emulators and their request logs) and the worker
 * process that hosts the app's main side, so the worker's memory is the main side's alone. A worker
 * takes one case after another (`start` replaces the previous one) and one phase at a time.
 */
export const phases = ['enable', 'check', 'disable'] as const;
export type Phase = (typeof phases)[number];

export const approaches = ['ours', 'naive'] as const;
export type Approach = (typeof approaches)[number];

export const workerStartSchema = z.object({
  type: z.literal('start'),
  approach: z.enum(approaches),
  loginUrl: z.string(),
  orgId: z.string(),
  adminUserId: z.string(),
  instanceUrl: z.string(),
  accessToken: z.string(),
  customFields: z.array(z.string()),
  customObject: z.string(),
});
export type WorkerStart = z.infer<typeof workerStartSchema>;

export const workerCommandSchema = z.discriminatedUnion('type', [
  workerStartSchema,
  z.object({ type: z.literal('run'), phase: z.enum(phases) }),
  z.object({ type: z.literal('exit') }),
]);
export type WorkerCommand = z.infer<typeof workerCommandSchema>;

export const phaseMeasurementSchema = z.object({
  phase: z.enum(phases),
  /** What the app reported at the end (`connected`, `off`, ...). */
  outcome: z.string(),
  wallMs: z.number(),
  /** Time inside the activation step (JWT grant attempts and the waits between them). */
  activationMs: z.number(),
  /** The app's steps (ours only): milliseconds from `running` to their end, by step id. */
  stepMs: z.record(z.string(), z.number()),
  /** Heap in use right after a forced GC before the phase, and the highest sample during it. */
  heapBaselineBytes: z.number(),
  heapPeakBytes: z.number(),
  /** The highest resident set size sampled during the phase. */
  rssPeakBytes: z.number(),
});
export type PhaseMeasurement = z.infer<typeof phaseMeasurementSchema>;

export const workerReplySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  z.object({ type: z.literal('measured'), measurement: phaseMeasurementSchema }),
  z.object({ type: z.literal('failed'), message: z.string() }),
]);
export type WorkerReply = z.infer<typeof workerReplySchema>;
