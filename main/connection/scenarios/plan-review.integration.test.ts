import { afterEach, describe, expect, it } from 'vitest';
import { withAddedFields, type PlannedRunKind } from '../../../common';
import { AppFailure } from '../../../common/app-error-schema';
import { createSettingsRepository } from '../../store/settings-repository';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const MINUTE = 60_000;

/** A harness in the state where `kind` is a run the admin could start. */
async function readyFor(kind: PlannedRunKind): Promise<Harness> {
  const waiting = kind === 'resume' || kind === 'rollback';
  harness = await startHarness(waiting ? { activationDelayMs: 8 * MINUTE } : {});
  const h = harness;
  if (waiting) createSettingsRepository(h.stores).update({ activationTimeoutMinutes: 5 });
  if (kind !== 'enable')
    expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe(waiting ? 'waiting' : 'connected');
  return h;
}

/** The org as the emulator holds it, without its clock. */
const orgOf = (h: Harness): string => JSON.stringify({ ...h.emulator.state(), now: undefined });

const errorOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppFailure) return error.error;
    throw error;
  }
  return null;
};

const kinds = ['enable', 'disable', 'reconnect', 'recreate', 'updateAccess', 'resume', 'rollback'] as const;

describe('review before every write', () => {
  it.each(kinds)('%s without a reviewed plan is refused and writes nothing to the org', async (kind) => {
    const h = await readyFor(kind);
    const before = orgOf(h);
    const status = h.services.connection.state().status;
    h.emulator.clearRequests();

    const run = (planId: string) =>
      kind === 'enable' ? h.services.connection.enable({ planId }) : h.services.connection[kind]({ planId });
    const missing = await errorOf(run('not-a-plan'));
    await h.services.connection.settled();

    expect(missing).toMatchObject({ code: 'PLAN_REQUIRED', action: 'review' });
    expect(orgOf(h)).toBe(before);
    expect(
      h.emulator.requests().filter((r) => r.method !== 'GET' && !r.path.endsWith('/composite') && !r.path.endsWith('/oauth2/token')),
    ).toEqual([]);
    expect(h.services.connection.state().status).toBe(status);
  });

  it('a plan is for its own kind, is used once, and goes stale when the desired access changes', async () => {
    const h = await readyFor('updateAccess');
    const { connection, agent } = h.services;
    const recreatePlan = await connection.plan('recreate');
    expect(await errorOf(connection.updateAccess({ planId: recreatePlan.id }))).toMatchObject({ code: 'PLAN_REQUIRED' });

    const plan = await connection.plan('updateAccess');
    await agent.updateAccessProfile(withAddedFields(agent.accessProfile(), 'Account', ['Industry']));
    expect(await errorOf(connection.updateAccess({ planId: plan.id }))).toMatchObject({ code: 'PLAN_STALE', action: 'review' });
    expect(await errorOf(connection.updateAccess({ planId: plan.id }))).toMatchObject({ code: 'PLAN_REQUIRED' });

    const fresh = await connection.plan('updateAccess');
    expect(fresh.access.map((c) => `${c.object}.${c.field ?? ''}`)).toContain('Account.Industry');
    expect((await h.run(() => connection.updateAccess({ planId: fresh.id }))).status).toBe('connected');
  });

  it('the enable plan names what will be created, the licences it uses and the app’s OAuth settings', async () => {
    const h = await readyFor('enable');
    const plan = await h.services.connection.plan('enable');

    expect(plan.artifacts.map((a) => [a.part, a.action])).toEqual(
      expect.arrayContaining([
        ['app', 'create'],
        ['user', 'create'],
        ['permissionSet', 'create'],
      ]),
    );
    expect(plan.artifacts.find((a) => a.part === 'app')?.apiName).toMatch(/_ECA$/);
    expect(plan.licences.map((l) => l.change)).toEqual(['use', 'use']);
    expect(plan.oauth).toMatchObject({ scopes: ['api'], flow: 'jwtBearer', ipPolicy: 'Enforce' });
    expect(plan.access.length).toBeGreaterThan(0);
    expect(plan.summary.join('\n')).toMatch(/Create the External Client App/);
    expect(JSON.stringify(h.emulator.state().externalClientApps)).toBe('[]');
  });

  it('Recreate says the consumer key changes and the credentials must be exported again; Turn off says the user is deactivated', async () => {
    const h = await readyFor('recreate');
    const recreate = await h.services.connection.plan('recreate');
    expect(recreate.consequences).toEqual(expect.arrayContaining(['consumerKeyChanges', 'reexportCredentials', 'agentOffline']));
    const off = await h.services.connection.plan('disable');
    expect(off.consequences).toContain('userDeactivatedNotDeleted');
    expect(off.licences.map((l) => l.change)).toEqual(['free', 'free']);
    expect(off.access.every((c) => c.after === null)).toBe(true);
  });
});

/** What another tool does to the org behind the app's back, through the admin's own session. */
async function changeByHand(h: Harness, method: 'POST' | 'PATCH', path: string, body: Record<string, unknown>): Promise<void> {
  const conn = (await h.session()).connection;
  await conn.request({
    method,
    url: `/services/data/v66.0/sobjects/${path}`,
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

const writes = (h: Harness) =>
  h.emulator.requests().filter((r) => r.method !== 'GET' && !r.path.endsWith('/composite') && !r.path.endsWith('/oauth2/token'));

describe('review before Rotate key and Adopt, and the org re-checked at confirm', () => {
  it.each(['rotateKey', 'adopt'] as const)('%s without a reviewed Rotate key plan is refused and writes nothing', async (run) => {
    const h = await readyFor('updateAccess');
    const before = orgOf(h);
    h.emulator.clearRequests();
    expect(await errorOf(h.services.connection[run]({ planId: 'not-a-plan' }))).toMatchObject({ code: 'PLAN_REQUIRED', action: 'review' });
    const other = await h.services.connection.plan('updateAccess');
    expect(await errorOf(h.services.connection[run]({ planId: other.id }))).toMatchObject({ code: 'PLAN_REQUIRED' });
    await h.services.connection.settled();
    expect(orgOf(h)).toBe(before);
    expect(writes(h)).toEqual([]);
    expect(h.services.connection.state().status).toBe('connected');
  });

  it('a field permission added by another tool after the review refuses Update access with PLAN_STALE, nothing written', async () => {
    const h = await readyFor('updateAccess');
    const { connection, agent } = h.services;
    await agent.updateAccessProfile(withAddedFields(agent.accessProfile(), 'Account', ['Industry']));
    const plan = await connection.plan('updateAccess');
    const psId = connection.state().details?.permissionSet.id ?? '';
    await changeByHand(h, 'POST', 'FieldPermissions', {
      ParentId: psId,
      SobjectType: 'Contact',
      Field: 'Contact.Department',
      PermissionsRead: true,
      PermissionsEdit: false,
    });
    const before = orgOf(h);
    h.emulator.clearRequests();

    const state = await h.run(() => connection.updateAccess({ planId: plan.id }));
    expect(state.error).toMatchObject({ code: 'PLAN_STALE', action: 'review' });
    expect(state.status).not.toBe('error');
    expect(orgOf(h)).toBe(before);
    expect(writes(h)).toEqual([]);
  });

  it('the integration user deactivated by another tool after the review refuses Rotate key with PLAN_STALE', async () => {
    const h = await readyFor('updateAccess');
    const { connection } = h.services;
    const plan = await connection.plan('rotateKey');
    const userId = connection.state().details?.user.id ?? '';
    await changeByHand(h, 'PATCH', `User/${userId}`, { IsActive: false });
    const before = orgOf(h);
    h.emulator.clearRequests();

    const state = await h.run(() => connection.rotateKey({ planId: plan.id }));
    expect(state.error).toMatchObject({ code: 'PLAN_STALE' });
    expect(orgOf(h)).toBe(before);
    expect(writes(h)).toEqual([]);
  });

  it('the enable plan names the exact integration username the run then creates', async () => {
    const h = await readyFor('enable');
    const plan = await h.services.connection.plan('enable');
    const planned = plan.artifacts.find((a) => a.part === 'user')?.name ?? '';
    expect(planned).not.toMatch(/x{6}/);
    expect(plan.summary.join('\n')).toContain(planned);
    const state = await h.run(() => h.services.connection.enable({ planId: plan.id }));
    expect(state.details?.user.username).toBe(planned);
  });

  it('the Update access plan shows a grant added by hand as such, without calling it a loss of the agent’s access', async () => {
    const h = await readyFor('updateAccess');
    const psId = h.services.connection.state().details?.permissionSet.id ?? '';
    await changeByHand(h, 'POST', 'FieldPermissions', {
      ParentId: psId,
      SobjectType: 'Contact',
      Field: 'Contact.Department',
      PermissionsRead: true,
      PermissionsEdit: false,
    });
    const plan = await h.services.connection.plan('updateAccess');
    expect(plan.access).toEqual([expect.objectContaining({ object: 'Contact', field: 'Department', after: null, byHand: true })]);
    expect(plan.consequences).not.toContain('accessNarrows');
    expect(plan.summary.join('\n')).toMatch(/Contact\b.*Department removed.*ADDED BY HAND/);
  });
});
