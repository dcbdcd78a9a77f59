import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { ACTIVATION_POLL_MS } from '../steps/activation';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const MINUTE = 60_000;
/** The harness turns the app's waits into emulator clock; the real milliseconds between two requests add to that. */
const REAL_TIME_SLACK_MS = 1_000;

interface TokenAttempt {
  at: number;
  accepted: boolean;
}

/** The agent's sign-in attempts at the My Domain token endpoint, on the emulator's clock. */
async function activationAttempts(activationDelayMs: number): Promise<TokenAttempt[]> {
  harness = await startHarness({ activationDelayMs });
  const h = harness;
  h.emulator.clearRequests();
  const state = await h.run(() => h.services.connection.planAndRun('enable'));
  expect(state.status).toBe('connected');
  return h.emulator
    .requests()
    .filter((r) => r.method === 'POST' && r.path.endsWith('/services/oauth2/token') && r.origin === 'instance')
    .map((r) => ({ at: Date.parse(r.at), accepted: r.status === 200 }));
}

const gaps = (attempts: readonly TokenAttempt[]) => attempts.slice(1).map((a, i) => a.at - (attempts[i]?.at ?? a.at));

/** How long the app took to notice: from its last "not yet" to the accepted sign-in bounds it from above. */
function noticedWithin(attempts: readonly TokenAttempt[]): number {
  const accepted = attempts.at(-1);
  const lastRefused = attempts.at(-2);
  expect(accepted?.accepted).toBe(true);
  return (accepted?.at ?? 0) - (lastRefused?.at ?? 0);
}

describe('noticing that Salesforce accepted the agent', () => {
  // Off the polling grid on purpose: a real org accepts at any moment, not on one of our attempts.
  for (const delay of [23_900, 8 * MINUTE + 7_300])
    it(`within one pace (${ACTIVATION_POLL_MS} ms) when Salesforce accepts ${delay / 1000} s after creation, asking no more often`, async () => {
      const attempts = await activationAttempts(delay);
      expect(noticedWithin(attempts)).toBeLessThan(ACTIVATION_POLL_MS + REAL_TIME_SLACK_MS);
      expect(Math.min(...gaps(attempts))).toBeGreaterThanOrEqual(ACTIVATION_POLL_MS);
      // One pace apart: 900 sign-in attempts an hour, a quarter of Salesforce's 3,600 per user (fact LOGIN-RATE-LIMIT).
      expect(attempts.length).toBeLessThanOrEqual(Math.ceil(delay / ACTIVATION_POLL_MS) + 2);
    });
});
