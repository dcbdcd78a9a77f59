import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState, PlannedRunKind } from '../../../common';
import { createSettingsRepository } from '../../store/settings-repository';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { ourLeftovers } from '../../../test/support/connection/org-state';

/*
 * Every run kind ends in one of four ways (run/outcome.ts). For each kind and each way it can end,
 * what the admin then sees: the connection's status and error, the activity log's entry, and what of
 * ours is left in the org.
 */

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

type Kind = Exclude<PlannedRunKind, 'resume' | 'rollback' | 'adopt'>;
type Outcome = 'finished' | 'waiting' | 'cancelled' | 'failed';
const TOKEN = { method: 'POST', path: '/services/oauth2/token$' };

/** How each outcome is brought about, once the kind's plan is reviewed. */
const arrange: Record<Outcome, (h: Harness, kind: Kind) => void> = {
  finished: () => undefined,
  // Salesforce keeps answering "not accepted yet" (fact ACTIVATION-PROPAGATION) past the admin's timeout.
  waiting: (h) => {
    createSettingsRepository(h.stores).update({ activationTimeoutMinutes: 5 });
    h.emulator.addFault({
      ...TOKEN,
      times: 10_000,
      respond: { status: 400, body: { error: 'invalid_client_id', error_description: 'client identifier invalid' } },
    });
  },
  cancelled: () => undefined,
  // Salesforce refuses the agent's credentials outright; a removal is refused taking the app down.
  failed: (h, kind) =>
    kind === 'disable'
      ? h.emulator.addFault({
          soapOperation: 'deleteMetadata',
          times: 10_000,
          respond: {
            status: 500,
            contentType: 'text/xml;charset=UTF-8',
            body: '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com"><soapenv:Body><soapenv:Fault><faultcode>sf:INSUFFICIENT_ACCESS</faultcode><faultstring>INSUFFICIENT_ACCESS: insufficient access rights on object id</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>',
          },
        })
      : h.emulator.addFault({
          ...TOKEN,
          times: 10_000,
          respond: { status: 400, body: { error: 'invalid_client', error_description: 'invalid client credentials' } },
        }),
};

interface Expected {
  status: ConnectionState['status'];
  error?: string;
  /** The activity log's newest entry for the run's kind (a removal's is its teardown's). */
  audit: 'success' | 'partial' | 'failure' | 'cancelled';
  /** Whether anything of ours stays in the org. */
  inOrg: boolean;
}

/** Each kind's ways to end; a removal never waits for Salesforce, nor does Update access (its app is accepted already). */
const table: Record<Kind, Partial<Record<Outcome, Expected>>> = {
  enable: {
    finished: { status: 'connected', audit: 'success', inOrg: true },
    waiting: { status: 'waiting', error: 'ACTIVATION_TIMEOUT', audit: 'partial', inOrg: true },
    cancelled: { status: 'off', error: 'RUN_CANCELLED', audit: 'cancelled', inOrg: false },
    failed: { status: 'error', error: 'AGENT_SIGN_IN_REFUSED', audit: 'failure', inOrg: false },
  },
  reconnect: {
    finished: { status: 'connected', audit: 'success', inOrg: true },
    waiting: { status: 'waiting', error: 'ACTIVATION_TIMEOUT', audit: 'partial', inOrg: true },
    cancelled: { status: 'interrupted', error: 'INTERRUPTED_RUN', audit: 'cancelled', inOrg: true },
    failed: { status: 'error', error: 'AGENT_SIGN_IN_REFUSED', audit: 'failure', inOrg: false },
  },
  recreate: {
    finished: { status: 'connected', audit: 'success', inOrg: true },
    waiting: { status: 'waiting', error: 'ACTIVATION_TIMEOUT', audit: 'partial', inOrg: true },
    cancelled: { status: 'interrupted', error: 'INTERRUPTED_RUN', audit: 'cancelled', inOrg: true },
    failed: { status: 'error', error: 'AGENT_SIGN_IN_REFUSED', audit: 'failure', inOrg: false },
  },
  updateAccess: {
    finished: { status: 'connected', audit: 'success', inOrg: true },
    cancelled: { status: 'connected', audit: 'cancelled', inOrg: true },
    failed: { status: 'error', audit: 'failure', inOrg: true },
  },
  rotateKey: {
    finished: { status: 'connected', audit: 'success', inOrg: true },
    waiting: { status: 'waiting', error: 'ACTIVATION_TIMEOUT', audit: 'partial', inOrg: true },
    cancelled: { status: 'connected', audit: 'cancelled', inOrg: true },
    failed: { status: 'error', error: 'AGENT_SIGN_IN_REFUSED', audit: 'failure', inOrg: true },
  },
  // Repair starts from a check that found the integration user deactivated (prepare below).
  repair: {
    finished: { status: 'connected', audit: 'success', inOrg: true },
    cancelled: { status: 'error', error: 'CONNECTION_BROKEN', audit: 'cancelled', inOrg: true },
    failed: { status: 'error', error: 'AGENT_SIGN_IN_REFUSED', audit: 'failure', inOrg: true },
  },
  disable: {
    finished: { status: 'off', audit: 'success', inOrg: false },
    cancelled: { status: 'interrupted', error: 'INTERRUPTED_RUN', audit: 'cancelled', inOrg: true },
    failed: { status: 'error', error: 'STEP_FAILED', audit: 'failure', inOrg: true },
  },
};

/** What a kind needs found first: Repair brings back a user deactivated in Setup, as the check names it. */
async function prepare(h: Harness, kind: Kind): Promise<void> {
  if (kind !== 'repair') return;
  const admin = await h.session();
  await admin.connection.sobject('User').update({ Id: h.services.connection.state().details?.user.id ?? '', IsActive: false });
  expect((await h.services.connection.check()).status).toBe('error');
}

const cases = Object.entries(table).flatMap(([kind, outcomes]) =>
  Object.entries(outcomes).map(([outcome, expected]) => ({ kind: kind as Kind, outcome: outcome as Outcome, expected })),
);

describe('how each run kind ends', () => {
  it.each(cases)('$kind, $outcome', async ({ kind, outcome, expected }) => {
    harness = await startHarness({ activationDelayMs: 0 });
    const h = harness;
    if (kind !== 'enable') expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');
    await prepare(h, kind);
    const start = await h.reviewed(kind);
    arrange[outcome](h, kind);
    await start();
    // The cancel lands before the run's first answer from the org: nothing it would write is written.
    if (outcome === 'cancelled') await h.services.connection.cancel();
    const end = await h.services.connection.settled();

    expect(end.status).toBe(expected.status);
    if (expected.error) expect(end.error?.code).toBe(expected.error);
    else if (expected.status !== 'error') expect(end.error).toBeUndefined();
    expect(h.audit.list({}).find((e) => e.operation.startsWith(`connection.${kind}`))?.result).toBe(expected.audit);
    expect(ourLeftovers(h.emulator.state()).length > 0).toBe(expected.inOrg);
  });
});
