import type { ConfirmedPlanInput, ConnectionState, EnableInput, PlannedRunKind, RunKind } from '../../../common';
import { fail } from '../../../common/app-error-schema';
import type { ConnectionCore } from '../run/core';
import { createPlanReviews } from './reviews';
import { createRunOperations, type OwnerOptions } from '../run/run-operations';
import { createSandboxRebuild } from '../run/sandbox-rebuild';
import { createAdminGate, type HandOverInput } from '../run/admin-gate';

/**
 * The run operations behind the review: each starts only with the id of a plan of its kind that the
 * admin confirmed and that still describes the org and the desired state (nothing is written otherwise).
 */
export function createReviewedRuns(core: ConnectionCore) {
  const runs = createRunOperations(core);
  const reviews = createPlanReviews(core);
  const sandbox = createSandboxRebuild(core);
  const connectionAdmin = createAdminGate(core);
  /** Replacing the agent's key is for the connection's admin only; a take-over too. */
  const keyAdmin = async (input: OwnerOptions & HandOverInput, rotates: boolean): Promise<void> => {
    if (input.takeOver === true) await connectionAdmin('takeOver', input);
    else if (rotates) await connectionAdmin('rotateKey', input);
  };
  const reviewed =
    <I extends ConfirmedPlanInput>(kind: RunKind, operation: (input: I) => Promise<ConnectionState>) =>
    async (input: I): Promise<ConnectionState> => {
      reviews.confirm(kind, (input as Partial<ConfirmedPlanInput> | undefined)?.planId);
      try {
        return await operation(input);
      } catch (error) {
        // A run that never started leaves no confirmed plan for the next one to find.
        core.contexts.planCheck.forget();
        throw error;
      }
    };
  const operations = {
    plan: (kind: PlannedRunKind) => reviews.plan(kind),
    enable: reviewed('enable', async (input: EnableInput & OwnerOptions & HandOverInput & ConfirmedPlanInput) => {
      await keyAdmin(input, false);
      return runs.enable({
        ...(input.userDefaults && { userDefaults: input.userDefaults }),
        ...(input.userFields && { userFields: input.userFields }),
        ...(input.takeOver && { takeOver: true }),
      });
    }),
    disable: reviewed('disable', () => runs.disable()),
    reconnect: reviewed('reconnect', async (input: OwnerOptions & HandOverInput & ConfirmedPlanInput) => {
      await keyAdmin(input, false);
      return runs.reconnect({ takeOver: input.takeOver === true });
    }),
    recreate: reviewed('recreate', () => runs.recreate()),
    updateAccess: reviewed('updateAccess', (input: { removeHandAdded?: boolean } & ConfirmedPlanInput) =>
      runs.updateAccess({ removeHandAdded: input.removeHandAdded === true }),
    ),
    rotateKey: reviewed('rotateKey', async (input: HandOverInput & ConfirmedPlanInput) => {
      await keyAdmin(input, true);
      return runs.rotateKey();
    }),
    repair: reviewed('repair', () => runs.repair()),
    /** Adopting carried-over artifacts rotates the key: the review is Rotate key's. */
    adopt: reviewed('rotateKey', async (input: HandOverInput & ConfirmedPlanInput) => {
      await keyAdmin(input, true);
      return runs.adopt();
    }),
    acceptOrgChange: () => runs.acceptOrgChange(),
    /** A refreshed sandbox without the agent's app: its own review, then the rebuild with that plan's id. */
    rebuildPlan: () => sandbox.plan(),
    rebuildHere: (input: ConfirmedPlanInput) => sandbox.run(input.planId),
    resume: reviewed('resume', () => runs.resume()),
    rollback: reviewed('rollback', () => runs.rollback()),
    cancel: () => runs.cancel(),
  };
  return {
    ...operations,
    /**
     * For callers with nobody to show a plan to (the wait resumed after a restart, conformance, bench,
     * tests): plans and confirms in one call. Screens and the CLI show the plan first instead.
     */
    async planAndRun(kind: PlannedRunKind, extra: EnableInput = {}): Promise<ConnectionState> {
      const { id: planId } = await reviews.plan(kind, false);
      if (kind === 'enable') return operations.enable({ ...extra, planId });
      const run: Partial<Record<PlannedRunKind, (input: ConfirmedPlanInput) => Promise<ConnectionState>>> = operations;
      return (run[kind] ?? fail('UNKNOWN_OPERATION', `There is no ${kind} run.`))({ planId });
    },
  };
}
