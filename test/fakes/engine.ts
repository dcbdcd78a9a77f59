import type { RemovalStepId, StepId } from '../../common';
import { RunTracker } from '../../main/connection/run/provisioner';
import type { Step, StepContext } from '../../main/connection/steps/step';
import { createLogger } from '../../main/log';
import type { OrgClient } from '../../main/salesforce/client';
import { abortableSleep, abortReason, neverAborted, type Sleep } from '../../main/salesforce/retry';
import { createMemoryStoreFactory } from '../../main/store/document-store';
import { createJournal, type Journal } from '../../main/store/journal';
import { createMemoryVault } from '../../main/store/vault';
import type { FakeOrg } from './fake-org-client';

/** A step over one record type of the fake org: look for ours, else create it; undo deletes it. */
export function recordStep(id: StepId, type: string, removalId?: RemovalStepId): Step {
  return {
    id,
    ...(removalId && { removalId }),
    intent: () => ({ type }),
    async find(ctx) {
      const rows = await ctx.client.query(`SELECT Id FROM ${type}`);
      const row = rows[0];
      return row && typeof row.Id === 'string' ? { id: row.Id } : null;
    },
    async apply(ctx) {
      return { id: await ctx.client.create(type, { Name: id }) };
    },
    async undo(ctx, result) {
      if (typeof result.id === 'string') await ctx.client.destroy(type, result.id);
    },
    removalText: () => `the ${type}`,
  };
}

/** The five artifacts of a connection, in Enable's order. */
export const fakeSteps: Step[] = [
  recordStep('permissionSet', 'PermissionSet', 'removePermissionSet'),
  recordStep('integrationUser', 'User', 'deactivateUser'),
  recordStep('licence', 'PermissionSetLicenseAssign', 'removeLicence'),
  recordStep('assignment', 'PermissionSetAssignment', 'removeAssignment'),
  recordStep('app', 'ExternalClientApplication', 'removeApp'),
];

/** An activation wait that only ends when Salesforce accepts the agent (never, here) or the run is cancelled. */
export const endlessActivation: Step = {
  id: 'activation',
  intent: () => ({}),
  find: () => Promise.resolve(null),
  async apply(ctx) {
    for (;;) await ctx.sleep(5_000);
  },
  undo: () => Promise.resolve(),
};

/** A wait that takes real time to end (only a cancel ends it sooner): nothing in these tests waits that long. */
export const neverEnding: Sleep = () => new Promise(() => undefined);
export const instant: Sleep = () => Promise.resolve();

export interface Engine {
  ctx: StepContext;
  journal: Journal;
  tracker: RunTracker;
  controller: AbortController;
}

/** A step context over the fake org, an in-memory journal and a Cancel, as the service builds them. */
export function fakeEngine(org: FakeOrg, sleep: Sleep = instant): Engine {
  const controller = new AbortController();
  const journal = createJournal(createMemoryStoreFactory());
  journal.begin({ id: 'run-1', kind: 'enable', orgId: '00D000000000001', startedAt: new Date(0).toISOString() });
  const tracker = new RunTracker(
    'enable',
    new Date(0).toISOString(),
    [...fakeSteps, endlessActivation].map((s) => s.id),
    () => undefined,
    () => new Date(0),
  );
  const ctx = engineContext(org, sleep, controller.signal);
  return { ctx, journal, tracker, controller };
}

/** The context a roll-back gets, as the service makes it: the same run under a signal that never aborts. */
export const rollbackOf = (engine: Engine, org: FakeOrg, sleep: Sleep = instant): StepContext => ({
  ...engineContext(org, sleep, neverAborted),
  artifacts: engine.ctx.artifacts,
});

/** As the real org client does (salesforce/client.ts), each request first checks the signal. */
function signalled(client: OrgClient, signal: AbortSignal): OrgClient {
  const check = <T extends object>(target: T): T =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value: unknown = Reflect.get(object, key, receiver);
        if (key === 'metadata' && typeof value === 'object' && value !== null) return check(value);
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) =>
          signal.aborted ? Promise.reject(abortReason(signal)) : (Reflect.apply(value, object, args) as unknown);
      },
    });
  return check(client);
}

function engineContext(org: FakeOrg, sleep: Sleep, signal: AbortSignal): StepContext {
  const waits = abortableSleep(sleep, () => signal);
  return {
    client: signalled(org.client, signal),
    // The fake steps read none of the org's facts, names or desired access.
    names: {} as StepContext['names'],
    snapshot: {} as StepContext['snapshot'],
    desired: { grants: [] } as unknown as StepContext['desired'],
    orgId: '00D000000000001',
    audience: 'https://login.salesforce.com',
    instanceUrl: org.client.instanceUrl,
    artifacts: {},
    previousUser: null,
    vault: createMemoryVault(),
    log: createLogger(() => undefined),
    now: () => new Date(0),
    sleep: waits,
    retry: { sleep: waits, attempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    activationTimeoutMs: 60_000,
    appNotFoundWindowMs: 600_000,
    certificateLifetimeDays: 365,
    onActivation: () => undefined,
    note: () => undefined,
    run: {},
    signal,
    refresh: () => Promise.resolve(),
  };
}
