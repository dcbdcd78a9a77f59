import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../../../packages/salesforce-emulator/index';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { createSettingsRepository } from '../../store/settings-repository';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

async function connected(options: EmulatorOptions = {}): Promise<Harness> {
  harness = await startHarness({ activationDelayMs: 0, ...options });
  const h = harness;
  expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');
  const settings = createSettingsRepository(h.stores);
  settings.recordOrg(settings.saveProfile({ name: 'Production', environment: 'production' }).id, h.emulator.orgId);
  return h;
}

/** The integration user's UserLogin, changed as an admin (or Salesforce itself) would. */
async function setLogin(h: Harness, fields: { IsFrozen?: boolean; IsPasswordLocked?: boolean }): Promise<void> {
  const userId = h.services.connection.state().details?.user.id ?? '';
  const admin = await h.session();
  const found = await admin.connection.query<{ Id: string }>(`SELECT Id FROM UserLogin WHERE UserId = '${userId}'`);
  const id = found.records[0]?.Id;
  expect(id).toBeDefined();
  await admin.connection.sobject('UserLogin').update({ Id: id ?? '', ...fields });
}

/** What the Connections overview says of the org. */
const overviewError = async (h: Harness) => (await h.services.connection.overview()).orgs.find((o) => o.orgId === h.emulator.orgId)?.error;

describe('health names why the agent cannot sign in (fact AGENT-SIGN-IN-REASONS)', () => {
  it.each(['inactiveUser', 'authenticationFailure'] as const)(
    'a frozen integration user (grant answer %s) shows as frozen in health, the state and the overview, with the fix',
    async (frozenUserGrantAnswer) => {
      const h = await connected({ switches: { frozenUserGrantAnswer } });
      const username = h.services.connection.state().details?.user.username ?? '';
      await setLogin(h, { IsFrozen: true });
      const report = await h.services.connection.check();
      expect(report).toMatchObject({ status: 'error', agentTokenOk: false });
      expect(report.problem).toBeUndefined();
      const state = h.services.connection.state();
      expect(state.error).toMatchObject({ code: 'AGENT_USER_FROZEN', action: 'openSetup', params: { setupArtifact: 'user', username } });
      expect(state.error?.message).toContain(`The integration user ${username} is frozen`);
      expect(state.error?.message).toMatch(/unfreeze the user in Setup > Users \(https?:\/\/.*ManageUsers/);
      expect(await overviewError(h)).toMatchObject({ code: 'AGENT_USER_FROZEN' });

      await setLogin(h, { IsFrozen: false });
      expect((await h.services.connection.check()).status).toBe('connected');
    },
  );

  it('a locked integration user is named as locked, and a lock Salesforce ignores for JWT leaves it connected', async () => {
    const h = await connected();
    await setLogin(h, { IsPasswordLocked: true });
    await h.services.connection.check();
    expect(h.services.connection.state().error).toMatchObject({ code: 'AGENT_USER_LOCKED', action: 'openSetup' });
    await h.emulator.stop();

    const allowed = await connected({ switches: { lockedUserGrant: 'allowed' } });
    await setLogin(allowed, { IsPasswordLocked: true });
    expect((await allowed.services.connection.check()).status).toBe('connected');
  });

  it('login IP ranges on the integration profile that leave the agent out are named, with where to add its address', async () => {
    const h = await connected();
    h.emulator.setLoginIpRanges('Minimum Access - API Only Integrations', [{ start: '10.0.0.0', end: '10.0.0.255' }]);
    await h.services.connection.check();
    const error = h.services.connection.state().error;
    expect(error).toMatchObject({ code: 'AGENT_IP_RESTRICTED', params: { description: 'ip restricted' } });
    expect(error?.message).toMatch(/Login IP Ranges/);
    expect(await overviewError(h)).toMatchObject({ code: 'AGENT_IP_RESTRICTED' });

    h.emulator.setLoginIpRanges('Minimum Access - API Only Integrations', [{ start: '127.0.0.1', end: '127.0.0.1' }]);
    expect((await h.services.connection.check()).status).toBe('connected');
  });
});
