import { afterEach, describe, expect, it } from 'vitest';
import type { HealthNotice } from '../../../common';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { createLogger } from '../../log';
import { createSettingsRepository } from '../../store/settings-repository';
import { createConnectionServices } from '..';
import type { HealthTimers } from '../health/health-monitor';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

/** Timers the test fires itself: what is pending, and after how long. */
function manualTimers() {
  const pending: { run: () => void; ms: number }[] = [];
  const timers: HealthTimers = {
    set: (run, ms) => pending.push({ run, ms }),
    clear: () => pending.splice(0),
  };
  return { timers, pending };
}

async function connectedWithSchedule() {
  harness = await startHarness({ activationDelayMs: 0 });
  const h = harness;
  expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');
  const settings = createSettingsRepository(h.stores);
  const profile = settings.saveProfile({ name: 'Production', environment: 'production' });
  settings.recordOrg(profile.id, h.emulator.orgId);
  const notices: HealthNotice[] = [];
  const { timers, pending } = manualTimers();
  const { connection, health } = createConnectionServices({
    settings,
    stores: h.stores,
    vault: h.vault,
    auth: {
      session: h.session,
      confirmedSession: h.session,
      status: () => ({ state: 'signedOut', profileId: null }),
      onSignedIn: () => () => undefined,
    },
    events: { emit: () => undefined },
    audit: h.audit,
    log: createLogger(() => undefined),
    profileSession: async (id) => (id === profile.id ? h.session() : null),
    notify: (notice) => notices.push(notice),
    healthTimers: timers,
  });
  return { h, health, connection, notices, pending, settings };
}

describe('the scheduled health check', () => {
  it('re-checks every 6 hours by default, at 2 reads and a token grant, and records when', async () => {
    const { h, health, connection, pending } = await connectedWithSchedule();
    health.start();
    expect(pending.map((p) => p.ms)).toEqual([6 * 3_600_000]);
    h.emulator.clearRequests();

    pending.shift()?.run();
    await expect.poll(() => pending.length).toBe(1);

    const tokenGrants = h.emulator.requests().filter((r) => r.path.endsWith('/services/oauth2/token'));
    expect(tokenGrants).toHaveLength(1);
    expect(h.emulator.requests().length - tokenGrants.length).toBeLessThanOrEqual(3);
    const [org] = (await connection.overview()).orgs;
    expect(org).toMatchObject({ profile: 'Production', status: 'connected', production: true, lastCheckedAt: expect.any(String) });
    expect(org?.certificateExpiresAt).toEqual(expect.any(String));
    health.stop();
    expect(pending).toHaveLength(0);
  });

  it('tells the admin when an org goes from connected to broken, and back', async () => {
    const { h, health, notices } = await connectedWithSchedule();
    const admin = await h.session();
    const assignment = h.emulator.state().permissionSetAssignments.at(-1);
    if (!assignment) throw new Error('enable assigns the permission set');
    await admin.connection.sobject('PermissionSetAssignment').destroy(assignment.Id);

    const broken = await health.checkAll();

    expect(broken.orgs[0]?.status).toBe('error');
    expect(notices).toEqual([expect.objectContaining({ profile: 'Production', from: 'connected', to: 'error' })]);
    expect((await health.checkAll()).orgs[0]?.status).toBe('error');
    expect(notices).toHaveLength(1);

    // Someone puts it back in Setup: the next check says the org is healthy again.
    await admin.connection
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: assignment.AssigneeId, PermissionSetId: assignment.PermissionSetId });
    expect((await health.checkAll()).orgs[0]?.status).toBe('connected');
    expect(notices.at(-1)).toMatchObject({ from: 'error', to: 'connected' });
  });

  it('says which profile to sign in to for an org it has no session for', async () => {
    const { health, settings, h } = await connectedWithSchedule();
    // A second profile for the same org, never signed in on this computer.
    const unsigned = settings.saveProfile({ name: 'Production (Kim)', environment: 'production' });
    settings.recordOrg(unsigned.id, h.emulator.orgId);
    const fresh = settings.saveProfile({ name: 'UAT', environment: 'sandbox' });

    const { orgs } = await health.checkAll();

    expect(orgs.find((o) => o.profile === 'Production (Kim)')).toMatchObject({ status: 'connected', notChecked: 'signIn' });
    expect(orgs.find((o) => o.profile === 'UAT')).toMatchObject({
      profileId: fresh.id,
      orgId: null,
      status: 'off',
      notChecked: 'notConnected',
      production: false,
    });
    expect(orgs.find((o) => o.profile === 'Production')).toMatchObject({ status: 'connected' });
  });
});
