import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJournal } from '../../store/journal';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { ourLeftovers } from '../../../test/support/connection/org-state';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const MINUTE = 60_000;

/** Yields until the run is waiting for Salesforce to accept the agent. */
async function untilActivation(h: Harness): Promise<void> {
  // The run reaches activation after real requests to the emulator: wait on the clock, not on event-loop turns.
  await vi.waitFor(() => expect(h.progress.some((p) => p.activation)).toBe(true), { timeout: 30_000, interval: 10 });
}

describe('cancelling a run', () => {
  it('cancelled while Salesforce has not accepted the agent yet, Turn on access removes everything it created', async () => {
    harness = await startHarness({ activationDelayMs: 20 * MINUTE });
    const h = harness;
    await h.services.connection.planAndRun('enable');
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
    const again = await h.run(() => h.services.connection.planAndRun('enable'));
    expect(again.status).toBe('connected');
  });

  it('a cancel with no run going changes nothing', async () => {
    harness = await startHarness();
    const h = harness;
    await expect(h.services.connection.cancel()).resolves.toMatchObject({ status: 'off' });
    expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');
    await expect(h.services.connection.cancel()).resolves.toMatchObject({ status: 'connected' });
  });
});
