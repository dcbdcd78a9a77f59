import { afterEach, describe, expect, it } from 'vitest';
import { ourLeftovers } from '../../../test/support/connection/org-state';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const MINUTE = 60_000;

describe('app_not_found while a new app spreads (fact ACTIVATION-PROPAGATION)', () => {
  it('is waited out for the first minutes after the app was created: Enable connects', async () => {
    harness = await startHarness({ activationDelayMs: 5 * MINUTE, switches: { propagatingAnswer: 'appNotFound' } });
    const h = harness;
    const enabled = await h.run(() => h.services.connection.planAndRun('enable'));
    expect(enabled.error).toBeUndefined();
    expect(enabled.status).toBe('connected');
    const refusals = h.emulator.requests().filter((r) => r.path.endsWith('/services/oauth2/token') && r.status === 400);
    expect(refusals.length).toBeGreaterThan(0);
  });

  it('answered longer than the bound, it stops Enable with the message that lists the three causes, and leaves the org clean', async () => {
    harness = await startHarness({ activationDelayMs: 15 * MINUTE, switches: { propagatingAnswer: 'appNotFound' } });
    const h = harness;
    const stopped = await h.run(() => h.services.connection.planAndRun('enable'));
    expect(stopped.status).toBe('error');
    expect(stopped.error).toMatchObject({ code: 'AGENT_APP_NOT_FOUND', action: 'reconnect', params: { minutes: 10 } });
    for (const cause of [/Policies/, /My Domain/, /Consumer Key/]) expect(stopped.error?.message).toMatch(cause);
    expect(ourLeftovers(h.emulator.state())).toEqual([]);
  });

  it('answered alternately with "not approved" and success, Enable connects and the health check is not fooled by one answer', async () => {
    harness = await startHarness({ activationDelayMs: 10 * MINUTE, switches: { propagatingAnswer: 'alternating' } });
    const h = harness;
    const enabled = await h.run(() => h.services.connection.planAndRun('enable'));
    expect(enabled.status).toBe('connected');
    expect((await h.services.connection.check()).agentTokenOk).toBe(true);
  });
});
