import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

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
  it('within 5 s while the app is under two minutes old, asking no more than every 5 s', async () => {
    const attempts = await activationAttempts(MINUTE);
    expect(noticedWithin(attempts)).toBeLessThan(5_000 + REAL_TIME_SLACK_MS);
    expect(Math.min(...gaps(attempts))).toBeGreaterThanOrEqual(5_000);
    expect(attempts.length).toBeLessThanOrEqual(MINUTE / 5_000 + 2);
  });

  it('within 15 s later on, at no more than 4 sign-in attempts a minute', async () => {
    const attempts = await activationAttempts(8 * MINUTE);
    expect(noticedWithin(attempts)).toBeLessThan(15_000 + REAL_TIME_SLACK_MS);
    const start = attempts[0]?.at ?? 0;
    const late = attempts.filter((a) => a.at - start > 2 * MINUTE + REAL_TIME_SLACK_MS);
    expect(Math.min(...gaps(late))).toBeGreaterThanOrEqual(15_000);
    // 24 in the first two minutes, then 4 a minute for six.
    expect(attempts.length).toBeLessThanOrEqual(2 * 12 + 6 * 4 + 2);
  });
});
