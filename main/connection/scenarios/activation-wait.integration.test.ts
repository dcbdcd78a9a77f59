import { afterEach, describe, expect, it, vi } from 'vitest';
import { createJournal } from '../../store/journal';
import { createSettingsRepository } from '../../store/settings-repository';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { ourLeftovers } from '../../../test/support/connection/org-state';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const MINUTE = 60_000;
const TOKEN_PATH = '/services/oauth2/token$';

/** Salesforce takes 8 minutes to accept the new app; the admin lets the app wait 5. */
async function leftWaiting(): Promise<Harness> {
  harness = await startHarness({ activationDelayMs: 8 * MINUTE });
  createSettingsRepository(harness.stores).update({ activationTimeoutMinutes: 5 });
  const h = harness;
  const state = await h.run(() => h.services.connection.planAndRun('enable'));
  expect(state.status).toBe('waiting');
  return h;
}

const agentTokenRequests = (h: Harness) =>
  h.emulator.requests().filter((r) => r.method === 'POST' && new RegExp(TOKEN_PATH).test(r.path) && r.origin === 'instance').length;

describe('waiting for Salesforce to accept the agent', () => {
  it('a wait longer than the timeout keeps everything and ends "waiting"; Keep waiting connects once Salesforce is ready', async () => {
    const h = await leftWaiting();
    const state = h.services.connection.state();
    expect(state.error).toMatchObject({ code: 'ACTIVATION_TIMEOUT', action: 'resume' });
    expect(state.error?.message).toMatch(/keep waiting, or roll back/);
    const app = h.emulator.state().externalClientApps[0];
    expect(app).toBeDefined();
    expect(state.waiting?.since).toBeDefined();
    expect(Date.parse(state.waiting?.until ?? '') - Date.parse(state.waiting?.since ?? '')).toBeGreaterThanOrEqual(4 * MINUTE);

    const org = h.emulator.state();
    expect(org.externalClientApps).toHaveLength(1);
    expect(org.users.filter((u) => u.IsActive && u.Username.endsWith('.agent-connections.invalid'))).toHaveLength(1);
    expect(org.permissionSets.filter((p) => p.Name === 'Sales_Agent_Permission_Set')).toHaveLength(1);
    expect(org.permissionSetAssignments.length).toBeGreaterThan(0);
    const journal = createJournal(h.stores).current();
    expect(journal?.steps.find((s) => s.id === 'activation')?.status).toBe('started');
    expect(journal?.rollingBack).toBe(false);

    const kept = await h.run(() => h.services.connection.planAndRun('resume'));
    expect(kept.status).toBe('connected');
    expect(kept.waiting).toBeUndefined();
    expect(h.emulator.state().externalClientApps).toHaveLength(1);
    expect(createJournal(h.stores).current()).toBeNull();
  });

  it('after a restart, a connection left waiting resumes its wait by itself and connects', async () => {
    const h = await leftWaiting();
    const restarted = h.restart();
    // The restart takes the wait up by itself once the admin's session is there...
    await vi.waitFor(() => expect(restarted.connection.state().status).not.toBe('waiting'), { timeout: 20_000, interval: 10 });
    // ...and it is the only run: a second request is refused (still running, or nothing left to resume), not doubled.
    const second = await restarted.connection.planAndRun('resume').then(
      () => 'started',
      (error: { error?: { code?: string } }) => error.error?.code,
    );
    expect(['OPERATION_IN_PROGRESS', 'NOTHING_TO_RESUME']).toContain(second);
    const end = await restarted.connection.settled();
    expect(end.status).toBe('connected');
    expect(h.emulator.state().externalClientApps).toHaveLength(1);
    expect(createJournal(h.stores).current()).toBeNull();
    expect(new Set(h.progress.filter((p) => p.kind === 'resume').map((p) => p.startedAt)).size).toBe(1);
  });

  it('Roll back from waiting removes everything that was created', async () => {
    const h = await leftWaiting();
    const end = await h.run(() => h.services.connection.planAndRun('rollback'));
    expect(end.status).toBe('off');
    expect(end.waiting).toBeUndefined();
    expect(ourLeftovers(h.emulator.state())).toEqual([]);
    expect(createJournal(h.stores).current()).toBeNull();
  });

  it('a final refusal fails after one sign-in attempt, naming the Salesforce error and its fix, and rolls back', async () => {
    harness = await startHarness({ activationDelayMs: 0 });
    const h = harness;
    h.emulator.addFault({
      method: 'POST',
      path: TOKEN_PATH,
      respond: { status: 400, body: { error: 'invalid_grant', error_description: 'invalid assertion' } },
    });
    h.emulator.clearRequests();
    const end = await h.run(() => h.services.connection.planAndRun('enable'));
    expect(end.status).toBe('error');
    expect(end.error).toMatchObject({ code: 'AGENT_SIGN_IN_REFUSED', action: 'recreate' });
    expect(end.error?.message).toContain('invalid_grant: invalid assertion');
    expect(agentTokenRequests(h)).toBe(1);
    expect(ourLeftovers(h.emulator.state())).toEqual([]);
  });

  it.each([
    [
      '"user hasn\'t approved this consumer" (pre-authorisation still spreading)',
      400,
      { error: 'invalid_grant', error_description: "user hasn't approved this consumer" },
    ],
    ['HTTP 503', 503, { error: 'server_error', error_description: 'Service Unavailable' }],
  ])('%s is waited out, not refused', async (_name, status, body) => {
    harness = await startHarness({ activationDelayMs: 0 });
    const h = harness;
    h.emulator.addFault({ method: 'POST', path: TOKEN_PATH, times: 3, respond: { status, body } });
    h.emulator.clearRequests();
    const end = await h.run(() => h.services.connection.planAndRun('enable'));
    expect(end.status).toBe('connected');
    expect(agentTokenRequests(h)).toBeGreaterThanOrEqual(4);
  });
});
