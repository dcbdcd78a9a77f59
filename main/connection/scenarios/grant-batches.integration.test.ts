import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { withAddedFields } from '../../../common';
import { extraCustomFieldNames } from '../../../packages/salesforce-emulator/index';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

describe('grants that need more than one Composite', () => {
  // 1,200 fields: six FieldPermissions collections and one ObjectPermissions collection, so two
  // Composites (five collections each at most), the second one also making the user and its
  // assignment: the 3rd and 4th Composite after the review's.
  const FIELDS = 1200;

  it('a failure of the second grants Composite after the first went through is retried without duplicates', async () => {
    harness = await startHarness({ activationDelayMs: 10_000, extraCustomFields: { object: 'Account', count: FIELDS } });
    const { services, emulator } = harness;
    await services.agent.updateAccessProfile(withAddedFields(services.agent.accessProfile(), 'Account', extraCustomFieldNames(FIELDS)));
    emulator.addFault({
      method: 'POST',
      path: '/composite$',
      nth: 4,
      times: 1,
      respond: { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.' }] },
    });

    const state = await harness.run(() => services.connection.planAndRun('enable'));

    expect(state.error).toBeUndefined();
    expect(state.status).toBe('connected');
    expect(state.details?.grants.filter((g) => g.object === 'Account' && g.field !== null)).toHaveLength(FIELDS);
    expect(emulator.requests().filter((r) => r.path.endsWith('/composite') && r.status >= 500)).toHaveLength(1);
  });
});
