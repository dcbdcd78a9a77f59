import type { RunKind, RunProgress, StepId } from '../../../common';
import type { AppError } from '../../../common/app-error-schema';
import type { AdminSession } from '../../auth/session-source';
import { runCancelled } from '../org/messages';
import type { ConnectionRecord, OrgConnectionState } from '../record/record-store';
import { enableSteps, repairSteps, rotateKeySteps, teardownSteps, updateAccessSteps } from '../steps';
import { forgetReplacedKey } from '../steps/certificate';
import type { Step, StepContext } from '../steps/step';
import {
  accessChangeSummary,
  builtRecord,
  builtSummary,
  repairedRecord,
  repairSummary,
  rotatedRecord,
  rotationSummary,
  updatedRecord,
} from './finished-records';

/** What a finished run's success effect reads. */
export interface FinishedRun {
  ctx: StepContext;
  admin: AdminSession;
  /** The connection's record before the run (null for a build from nothing). */
  previous: ConnectionRecord | null;
  /** When the connection was first made (a rebuild keeps it); null for a new one. */
  createdAt: string | null;
  now: () => Date;
}

/**
 * A run kind is a list over the same steps (docs/architecture.md): what it takes down, then what it
 * builds, and how each of its endings leaves the connection (run/outcome.ts ends every run with
 * these). The progress the screens and the CLI show derives from it.
 */
export interface Plan {
  /** Taken down first, in this order (the connection's artifacts; app first, so tokens stop). */
  teardown: readonly Step[];
  /** Checks the org before building from nothing. */
  preflight: boolean;
  /** Then built, in this order. */
  build: readonly Step[];
  /** What the run does, in the words of a failure Salesforce did not explain. */
  doing: string;
  /** Its success effect (what the record becomes) and the audit's summary; a removal has none of its own. */
  finished?: (run: FinishedRun) => Promise<{ patch: Partial<OrgConnectionState>; summary: string }>;
  /** "Not accepted yet" leaves the run waiting (fact ACTIVATION-PROPAGATION): since when, and the audit's words. */
  waits?: { since(ctx: StepContext, progress: RunProgress): string; summary(since: string, failure: AppError): string };
  /** The connection once a cancel or Roll back took everything back. */
  putBack: (previous: ConnectionRecord | null, by: 'admin' | 'rollback') => Partial<OrgConnectionState>;
  /** The audit's words for a cancel that took everything back. */
  cancelledSummary: string;
  /** The audit's words for a failure. */
  failedSummary: (failure: AppError) => string;
  /** A build's failure is rolled back, so its way on is Reconnect unless the error names its own fix. */
  failedAction?: 'reconnect';
  /** A first turn-on whose failure was rolled back clean is simply tried again (Try again, not Reconnect). */
  retriedWhenClean?: boolean;
}

/** Enable, and the build of Reconnect, Recreate and Resume. */
const builds: Omit<Plan, 'teardown' | 'preflight'> = {
  build: enableSteps,
  doing: 'setting up the connection',
  finished: ({ ctx, admin, createdAt, now }) =>
    Promise.resolve({
      patch: { record: builtRecord(ctx, admin, createdAt, now), waiting: undefined, retiredUser: null },
      summary: builtSummary(ctx),
    }),
  waits: {
    since: (ctx, progress) => progress.activation?.waitingSince ?? ctx.artifacts.app?.createdAt ?? progress.startedAt,
    summary: (_since, failure) => failure.message,
  },
  putBack: (_previous, by) => ({ status: 'off', record: null, error: by === 'admin' ? runCancelled() : undefined }),
  cancelledSummary: 'Cancelled by the admin; removed what the run had created.',
  failedSummary: (failure) => failure.message,
  failedAction: 'reconnect',
};

/** A run that ends where it started leaves the connection as it was. */
const keepsConnection = (previous: ConnectionRecord | null): Partial<OrgConnectionState> => ({
  status: 'connected',
  error: undefined,
  ...(previous && { record: previous }),
});

export const plans: Record<PlannedKind, Plan> = {
  enable: { teardown: [], preflight: true, ...builds, retriedWhenClean: true },
  disable: {
    teardown: teardownSteps,
    preflight: false,
    build: [],
    doing: 'removing the connection',
    putBack: () => ({ status: 'off', record: null, error: undefined }),
    cancelledSummary: 'Cancelled by the admin.',
    failedSummary: (failure) => failure.message,
  },
  reconnect: { teardown: teardownSteps, preflight: true, ...builds },
  recreate: { teardown: teardownSteps, preflight: true, ...builds },
  updateAccess: {
    teardown: [],
    preflight: false,
    build: updateAccessSteps,
    doing: 'updating the access',
    finished: ({ ctx, previous }) =>
      Promise.resolve({
        patch: previous ? { record: updatedRecord(previous, ctx) } : {},
        summary: accessChangeSummary(ctx.artifacts),
      }),
    putBack: keepsConnection,
    cancelledSummary: 'Cancelled by the admin; the access is as it was.',
    failedSummary: (failure) => failure.message,
  },
  rotateKey: {
    teardown: [],
    preflight: false,
    build: rotateKeySteps,
    doing: 'rotating the key',
    async finished({ ctx, previous }) {
      await forgetReplacedKey(ctx);
      const rotated = previous ? rotatedRecord(previous, ctx.artifacts) : null;
      return {
        patch: { ...(rotated && { record: rotated }), waiting: undefined, orgChange: undefined },
        summary: rotationSummary(rotated?.artifacts ?? ctx.artifacts),
      };
    },
    waits: {
      // The new certificate is on the app: the previous key stopped working when it was replaced.
      since: (ctx, progress) => ctx.artifacts.replaceCertificate?.replacedAt ?? progress.startedAt,
      summary: (since, failure) => `The certificate was replaced at ${since} (the previous key stopped working then); ${failure.message}`,
    },
    putBack: keepsConnection,
    cancelledSummary: 'Cancelled by the admin; the previous certificate was put back.',
    failedSummary: (failure) => `${failure.message} The previous certificate was put back.`,
  },
  repair: {
    teardown: [],
    preflight: false,
    build: repairSteps,
    doing: 'repairing the connection',
    finished: ({ ctx, previous }) =>
      Promise.resolve({ patch: previous ? { record: repairedRecord(previous, ctx) } : {}, summary: repairSummary(ctx.artifacts) }),
    // What the repair brought back is taken back: the connection is as the check found it.
    putBack: (previous) => (previous ? { record: previous } : {}),
    cancelledSummary: 'Cancelled by the admin; the connection is as the check found it.',
    failedSummary: (failure) => failure.message,
  },
};

/** The kinds that name their own work; Resume and Roll back work on the journaled run's kind. */
export type PlannedKind = Exclude<RunKind, 'resume' | 'rollback'>;

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
