import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { withAddedFields } from '../../../common';
import { extraCustomFieldNames } from '../../../packages/salesforce-emulator/index';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

describe('request budget of one enable', () => {
  it.each([10, 200, 1000])(
    'stays within 11 + ⌈F/200⌉ Salesforce requests with F = %i custom fields (activation polling aside)',
    async (count) => {
      harness = await startHarness({ activationDelayMs: 60_000, extraCustomFields: { object: 'Account', count } });
      const { services, emulator } = harness;
      await services.agent.updateAccessProfile(withAddedFields(services.agent.accessProfile(), 'Account', extraCustomFieldNames(count)));
      // The budget counts the run the admin confirmed; the review's reads come before it.
      const { id: planId } = await services.connection.plan('enable');
      emulator.clearRequests();

      const state = await harness.run(() => services.connection.enable({ planId }));

      expect(state.status).toBe('connected');
      expect(state.details?.grants.filter((g) => g.object === 'Account' && g.field !== null)).toHaveLength(count);
      const salesforceRequests = emulator.requests().filter((r) => !r.path.endsWith('/services/oauth2/token'));
      expect(salesforceRequests.length).toBeLessThanOrEqual(11 + Math.ceil(count / 200));
    },
  );

  it('disable makes one read, five metadata deletes, two listings to check the app is gone, and one Composite for the rest', async () => {
    harness = await startHarness({ activationDelayMs: 60_000 });
    const { services, emulator } = harness;
    expect((await harness.run(() => services.connection.planAndRun('enable'))).status).toBe('connected');
    const { id: planId } = await services.connection.plan('disable');
    emulator.clearRequests();

    const off = await harness.run(() => services.connection.disable({ planId }));

    expect(off.status).toBe('off');
    const kinds = emulator.requests().map((r) => r.soapOperation ?? `${r.method} ${r.path.replace(/^.*\/v[\d.]+/, '')}`);
    // listMetadata takes three types per call: the five ECA types need two (fact ECA-DELETE-RESULTS).
    expect(kinds).toEqual([
      'POST /composite',
      ...Array<string>(5).fill('deleteMetadata'),
      'listMetadata',
      'listMetadata',
      'POST /composite',
    ]);
  });
});
