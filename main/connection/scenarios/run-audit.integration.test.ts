import { afterEach, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { invalidEmail, setupCompositeRefuses } from '../../../test/support/composite-refusal';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const runEntries = (h: Harness) => h.audit.list({}).filter((e) => e.operation === 'connection.enable');

describe('the Activity log records each run once, as it ended', () => {
  it('a Turn on that Salesforce refuses is one failure, not two', async () => {
    harness = await startHarness({ activationDelayMs: 0 });
    const h = harness;
    const { id: planId } = await h.services.connection.plan('enable');
    h.emulator.addFault(setupCompositeRefuses(invalidEmail()));
    expect((await h.run(() => h.services.connection.enable({ planId }))).status).toBe('error');
    expect(runEntries(h).map((e) => e.result)).toEqual(['failure']);
  });

  it('a run the admin cancelled reads "cancelled", not "failure"', async () => {
    harness = await startHarness({ activationDelayMs: 20 * 60_000 });
    const h = harness;
    await h.services.connection.planAndRun('enable');
    await vi.waitFor(() => expect(h.progress.some((p) => p.activation)).toBe(true), { timeout: 30_000, interval: 10 });
    await h.services.connection.cancel();
    expect((await h.services.connection.settled()).status).toBe('off');
    expect(runEntries(h).map((e) => e.result)).toEqual(['cancelled']);
  });
});
