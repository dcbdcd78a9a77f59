import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorSwitches } from '../../../packages/salesforce-emulator/index';
import { ourLeftovers } from '../../../test/support/connection/org-state';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

async function enabled(switches: Partial<EmulatorSwitches>) {
  harness = await startHarness({ activationDelayMs: 0, switches });
  const h = harness;
  const plan = await h.services.connection.plan('enable');
  h.emulator.clearRequests();
  const state = await h.run(() => h.services.connection.enable({ planId: plan.id }));
  const app = h.emulator.state().externalClientApps[0] as
    { globalOauthSettings?: { consumerKey?: string }; oauthPolicies?: { commaSeparatedPermissionSet?: string } } | undefined;
  const reads = h.emulator.requests().filter((r) => r.soapOperation === 'readMetadata').length;
  return { h, state, app, reads };
}

describe('what the Metadata API reference words differently (facts ECA-PREAUTHORIZE-PERMISSION-SET, ECA-CONSUMER-KEY-CHOICE, ECA-CONSUMER-KEY-READ)', () => {
  it.each([
    ['either', 'name'],
    ['name', 'name'],
    ['id', 'id'],
  ] as const)('pre-authorisation read as %s: the app names the permission set by its %s and connects', async (by, written) => {
    const { h, state, app } = await enabled({ preAuthorizePermissionSetBy: by });
    expect(state.status).toBe('connected');
    const ps = h.emulator.state().permissionSets.find((p) => p.Name === state.details?.permissionSet.apiName);
    expect(app?.oauthPolicies?.commaSeparatedPermissionSet).toBe(written === 'name' ? ps?.Name : ps?.Id);
  });

  it('chooses its own consumer key where the org takes one, and reads nothing back', async () => {
    const { state, app, reads } = await enabled({ clientConsumerKey: 'accepted', consumerKeyInRead: 'omitted' });
    expect(state.status).toBe('connected');
    expect(state.details?.app.consumerKey).toBe(app?.globalOauthSettings?.consumerKey);
    expect(reads).toBe(0);
  });

  it('reads back the key the org made where it refuses a chosen one', async () => {
    const { state, app, reads } = await enabled({ clientConsumerKey: 'refused' });
    expect(state.status).toBe('connected');
    expect(state.details?.app.consumerKey).toBe(app?.globalOauthSettings?.consumerKey);
    expect(reads).toBe(1);
  });

  it('says which org setting shows the key where the org neither takes one nor shows its own, and leaves the org clean', async () => {
    const { h, state } = await enabled({ clientConsumerKey: 'refused', consumerKeyInRead: 'omitted' });
    expect(state.status).toBe('error');
    expect(state.error?.message).toContain('Allow access to OAuth consumer secrets via Metadata API');
    expect(ourLeftovers(h.emulator.state())).toEqual([]);
  });
});
