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
    'the run stays within 9 + ⌈F/1000⌉ Salesforce requests for F field permission rows, and its review reads in at most four (%i custom fields; activation polling aside)',
    async (count) => {
      harness = await startHarness({ activationDelayMs: 60_000, extraCustomFields: { object: 'Account', count } });
      const { services, emulator } = harness;
      await services.agent.updateAccessProfile(withAddedFields(services.agent.accessProfile(), 'Account', extraCustomFieldNames(count)));
      const salesforceRequests = () => emulator.requests().filter((r) => !r.path.endsWith('/services/oauth2/token'));
      emulator.clearRequests();

      // The review reads: the org's look, its setup for the integration user (Tooling), and what the
      // agent will see (record counts and org-wide defaults, five queries a Composite).
      const { id: planId } = await services.connection.plan('enable');
      expect(salesforceRequests().length).toBeLessThanOrEqual(4);
      emulator.clearRequests();
      const state = await harness.run(() => services.connection.enable({ planId }));

      expect(state.status).toBe('connected');
      const fieldRows = state.details?.grants.filter((g) => g.field !== null).length ?? 0;
      expect(fieldRows).toBeGreaterThan(count);
      // The run's own look at the org before its first write is counted here.
      expect(salesforceRequests().length).toBeLessThanOrEqual(9 + Math.ceil(fieldRows / 1000));
    },
  );

  it('over 1,000 field permission rows: the grants go in two Composites shared with the set, the user and its assignment', async () => {
    harness = await startHarness({ activationDelayMs: 60_000, extraCustomFields: { object: 'Account', count: 1000 } });
    const { services, emulator } = harness;
    await services.agent.updateAccessProfile(withAddedFields(services.agent.accessProfile(), 'Account', extraCustomFieldNames(1000)));
    const { id: planId } = await services.connection.plan('enable');
    emulator.clearRequests();

    const state = await harness.run(() => services.connection.enable({ planId }));

    expect(state.status).toBe('connected');
    expect(state.details?.grants.filter((g) => g.object === 'Account' && g.field !== null)).toHaveLength(1000);
    const kinds = emulator
      .requests()
      .filter((r) => !r.path.endsWith('/services/oauth2/token'))
      .map((r) => r.soapOperation ?? `${r.method} ${r.path.replace(/^.*\/v[\d.]+/, '')}`);
    // Look, two all-or-none Composites (set and grants; the rest of the grants, user, licence and
    // assignment), the app's metadata, and two Composites reading as the agent (8 queries, 5 a call).
    expect(kinds).toEqual([
      'POST /composite',
      'POST /composite',
      'POST /composite',
      ...Array<string>(3).fill('createMetadata'),
      'listMetadata',
      'upsertMetadata',
      'upsertMetadata',
      'POST /composite',
      'POST /composite',
    ]);
  });

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
