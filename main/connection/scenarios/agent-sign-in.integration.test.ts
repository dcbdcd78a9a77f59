import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../e2e/support/free-port';
import { createConnectionRecordStore } from '../record/record-store';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { ourLeftovers } from '../../../test/support/connection/org-state';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const PASSPHRASE = 'correct horse battery staple';

async function exportedAudience(h: Harness): Promise<string> {
  const file = await h.services.connection.exportCredentials(PASSPHRASE);
  return (JSON.parse(file.content) as { audience: string }).audience;
}

const tokenRequests = (h: Harness) =>
  h.emulator.requests().filter((r) => r.method === 'POST' && r.path.endsWith('/services/oauth2/token')).length;

describe("the agent's JWT audience follows the org's type (facts ORG-TYPE, JWT-AUDIENCE)", () => {
  const cases = [
    { orgType: 'production', audience: 'https://login.salesforce.com' },
    { orgType: 'sandbox', audience: 'https://test.salesforce.com' },
  ] as const;

  it.each(cases)('a My Domain profile on a $orgType org connects, stays healthy and exports $audience', async ({ orgType, audience }) => {
    harness = await startHarness({ switches: { orgType } });
    const session = await harness.session();
    expect(session.profile.myDomainUrl).toBe(harness.emulator.instanceUrl);

    const state = await harness.run(() => harness!.services.connection.planAndRun('enable'));
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('connected');
    expect(state.details?.org.audience).toBe(audience);

    const health = await harness.services.connection.check();
    expect(health.agentTokenOk).toBe(true);
    expect(health.status).toBe('connected');
    expect(await exportedAudience(harness)).toBe(audience);
  });

  it("an org profile's own audience is used when the org accepts it", async () => {
    // The emulator's own login origin (plain http, so set on the session directly): only `loose` accepts it.
    const port = await freePort();
    const own = `http://127.0.0.1:${port}`;
    harness = await startHarness({ port, switches: { jwtAudience: 'loose' }, profileAudience: own });
    expect(harness.emulator.loginUrl).toBe(own);

    const state = await harness.run(() => harness!.services.connection.planAndRun('enable'));
    expect(state.status).toBe('connected');
    expect(state.details?.org.audience).toBe(own);
    expect((await harness.services.connection.check()).agentTokenOk).toBe(true);
    expect(await exportedAudience(harness)).toBe(own);
  });

  it('a connection saved before the audience was stored signs in with the audience of its environment', async () => {
    harness = await startHarness();
    await harness.run(() => harness!.services.connection.planAndRun('enable'));
    const records = createConnectionRecordStore(harness.stores);
    const orgId = harness.emulator.orgId;
    const saved = records.get(orgId);
    const { audience: _dropped, ...oldOrg } = saved.record?.org ?? { audience: '' };
    // What an older version wrote: no audience on the record.
    harness.stores('connection', { defaults: {}, parse: (raw) => raw }).write({
      version: 1,
      currentOrgId: orgId,
      orgs: { [orgId]: { ...saved, record: { ...saved.record, org: oldOrg } } },
    });
    expect(records.get(orgId).record?.org.audience).toBe('https://login.salesforce.com');
    expect((await harness.services.connection.check()).agentTokenOk).toBe(true);
  });
});

describe('requests made as the agent survive an ended agent session (fact AGENT-SESSION-EXPIRY)', () => {
  const sessionEnded = { status: 401, body: [{ errorCode: 'INVALID_SESSION_ID', message: 'Session expired or invalid' }] };

  it('verification gets a fresh agent token once and connects', async () => {
    harness = await startHarness({ activationDelayMs: 10_000 });
    // The third Composite is the first one verification sends as the agent.
    harness.emulator.addFault({ method: 'POST', path: '/composite$', nth: 3, times: 1, respond: sessionEnded });
    const state = await harness.run(() => harness!.services.connection.planAndRun('enable'));
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('connected');
    expect(state.details?.lastVerifiedAt).not.toBeNull();
  });

  it('a session that ends again after the fresh token is a verification failure, rolled back, with Reconnect', async () => {
    harness = await startHarness({ switches: { ecaDeleteCascade: true } });
    // Verification's reads take two Composites, sent side by side: both refused, before and after the fresh token.
    const enable = await harness.reviewed('enable');
    harness.emulator.addFault({ method: 'POST', path: '/composite$', nth: 3, times: 4, respond: sessionEnded });
    const before = tokenRequests(harness);
    const state = await harness.run(enable);
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({ code: 'VERIFICATION_FAILED', action: 'reconnect' });
    // Activation's token, then exactly one fresh one: no loop of sign-ins.
    expect(tokenRequests(harness) - before).toBe(2);
    expect(ourLeftovers(harness.emulator.state())).toEqual([]);
  });
});

describe('a run that rolled back completely', () => {
  it('closes its journal: the state is an error with Reconnect, and the next enable is accepted', async () => {
    // ecaDeleteCascade: the app is removable in one call, so the org ends clean (the app's removal order is tested elsewhere).
    harness = await startHarness({ activationDelayMs: 10_000, switches: { ecaDeleteCascade: true } });
    // Every Composite from verification on fails: verification gives up, and so does rollback's look at the org.
    const enable = await harness.reviewed('enable');
    harness.emulator.addFault({
      method: 'POST',
      path: '/composite$',
      nth: 3,
      times: 1_000,
      respond: { status: 500, body: [{ errorCode: 'UNKNOWN_EXCEPTION', message: 'An unexpected error occurred.' }] },
    });
    const failed = await harness.run(enable);
    harness.emulator.clearFaults();
    expect(ourLeftovers(harness.emulator.state())).toEqual([]);
    expect(failed.status).toBe('error');
    expect(failed.error?.action).toBe('retry');
    expect(failed.leftovers ?? []).toEqual([]);
    expect(harness.restart().connection.state().status).toBe('error');

    const again = await harness.run(() => harness!.services.connection.planAndRun('enable'));
    expect(again.status).toBe('connected');
  });
});
