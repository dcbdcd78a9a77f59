import { afterEach, describe, expect, it } from 'vitest';
import { createJournal } from '../store/journal';
import { startHarness, type Harness } from '../../test/support/connection/harness';
import { ourLeftovers } from '../../test/support/connection/org-state';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const MINUTE = 60_000;

/** Yields until the run is waiting for Salesforce to accept the agent. */
async function untilActivation(h: Harness): Promise<void> {
  for (let i = 0; i < 10_000 && !h.progress.some((p) => p.activation); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(h.progress.some((p) => p.activation)).toBe(true);
}

describe('cancelling a run', () => {
  it('cancelled while Salesforce has not accepted the agent yet, Turn on access removes everything it created', async () => {
    harness = await startHarness({ activationDelayMs: 20 * MINUTE });
    const h = harness;
    await h.services.connection.enable();
    await untilActivation(h);
    await h.services.connection.cancel();
    const end = await h.services.connection.settled();

    expect(end.status).toBe('off');
    expect(end.error?.code).toBe('RUN_CANCELLED');
    expect(ourLeftovers(h.emulator.state())).toEqual([]);
    expect(createJournal(h.stores).current()).toBeNull();
    const last = h.progress.at(-1);
    expect(last?.steps.find((s) => s.id === 'app')?.state).toBe('undone');
    // A later Turn on access starts afresh (Salesforce accepts the agent once the app is old enough).
    const again = await h.run(() => h.services.connection.enable());
    expect(again.status).toBe('connected');
  });

  it('a cancel with no run going changes nothing', async () => {
    harness = await startHarness();
    const h = harness;
    await expect(h.services.connection.cancel()).resolves.toMatchObject({ status: 'off' });
    expect((await h.run(() => h.services.connection.enable())).status).toBe('connected');
    await expect(h.services.connection.cancel()).resolves.toMatchObject({ status: 'connected' });
  });
});
