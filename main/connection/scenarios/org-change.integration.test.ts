import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { ourLeftovers } from '../../../test/support/connection/org-state';
import { toAppError } from '../../../common';
import { createSettingsRepository } from '../../store/settings-repository';
import { artifactNames } from '../org/names';
import { createConnectionRecordStore } from '../record/record-store';
import { certificateVaultKey, privateKeyVaultKey } from '../steps/key-pair';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const SOURCE_ORG = '00D000000000SRCEAA';

/**
 * A sandbox refresh as this install sees it: the profile signed in to the source org (which has the
 * connection record and the key), and now signs in to an org with another id that holds a copy of
 * the agent's setup, for which this install has no record and no key.
 */
async function refreshed(): Promise<Harness> {
  harness = await startHarness({ activationDelayMs: 0 });
  const h = harness;
  const enabled = await h.run(() => h.services.connection.planAndRun('enable'));
  expect(enabled.status).toBe('connected');
  const orgId = h.emulator.orgId;
  const records = createConnectionRecordStore(h.stores);
  const record = records.get(orgId).record;
  records.update(orgId, { record: null, status: 'off' });
  records.update(SOURCE_ORG, { record, status: 'connected' });
  // The copy appends the sandbox's name to every username (fact SANDBOX-REFRESH).
  const { connection } = await h.session();
  const user = h.emulator.state().users.find((u) => u.Username.endsWith('.agent-connections.invalid'));
  expect(user).toBeDefined();
  await connection.sobject('User').update({ Id: user?.Id ?? '', Username: `${user?.Username ?? ''}.uat` });
  expect(h.emulator.state().users.filter((u) => u.Username.endsWith('.agent-connections.invalid.uat'))).toHaveLength(1);
  const settings = createSettingsRepository(h.stores);
  const app = artifactNames(settings.get().agentName).appApiName;
  await h.vault.delete(privateKeyVaultKey(orgId, app));
  await h.vault.delete(certificateVaultKey(orgId, app));
  settings.saveProfile({
    id: 'emulator',
    name: 'Emulator',
    environment: 'myDomain',
    myDomainUrl: h.emulator.instanceUrl,
    allowAnyHost: true,
    orgId: SOURCE_ORG,
  });
  return h;
}

describe('a profile that now signs in to another org', () => {
  it('says so, applies nothing of the earlier org, and refuses to build over the copied setup', async () => {
    const h = await refreshed();
    await h.services.connection.check();
    const state = h.services.connection.state();
    expect(state.orgChange).toEqual({
      previousOrgId: SOURCE_ORG,
      previousOrgName: 'Contoso (demo)',
      orgId: h.emulator.orgId,
      orgName: 'Contoso (demo)',
      carriedOver: ['app', 'permissionSet', 'integrationUser'],
    });
    expect(state.status).toBe('off');
    expect(state.details).toBeUndefined();
    const refused = await h.services.connection.planAndRun('enable').catch((e: unknown) => toAppError(e));
    expect(refused).toMatchObject({ code: 'ORG_CHANGED' });
  });

  it("Adopt makes the copied setup this org's connection with a new key; the consumer key stays", async () => {
    const h = await refreshed();
    await h.services.connection.check();
    const app = h.emulator.state().externalClientApps[0];
    const { connection } = h.services;
    const plan = await connection.plan('rotateKey');
    const adopted = await h.run(() => connection.adopt({ planId: plan.id }));
    expect(adopted.status).toBe('connected');
    expect(adopted.orgChange).toBeUndefined();
    expect(adopted.details?.certificate?.rotatedAt).toBeDefined();
    expect(adopted.details?.app.apiName).toBe(app?.fullName);
    expect(createSettingsRepository(h.stores).profile('emulator')?.orgId).toBe(h.emulator.orgId);
    expect((await connection.check()).agentTokenOk).toBe(true);
    expect(h.audit.list({ operation: 'connection.adopt' }).map((e) => e.result)).toContain('success');
  });

  it('Remove takes the copied setup out of the org', async () => {
    const h = await refreshed();
    await h.services.connection.check();
    const removed = await h.run(() => h.services.connection.planAndRun('disable'));
    expect(removed.status).toBe('off');
    expect(removed.orgChange).toBeUndefined();
    expect(ourLeftovers(h.emulator.state())).toEqual([]);
    expect(createSettingsRepository(h.stores).profile('emulator')?.orgId).toBe(h.emulator.orgId);
  });
});
