import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorSwitches } from '../../../packages/salesforce-emulator/index';
import { ourLeftovers } from '../../../test/support/connection/org-state';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

/**
 * An org that serves the External Client App types only through deploy and retrieve (fact
 * ECA-CRUD-CALLS, switch ecaCrudCalls): the admin sees the same review, Enable connects through
 * deploys, Disable removes the app through destructive deploys, and the org ends clean.
 */
const harnesses: Harness[] = [];
afterEach(async () => {
  await Promise.all(harnesses.splice(0).map((h) => h.emulator.stop()));
});

async function harness(switches: Partial<EmulatorSwitches>): Promise<Harness> {
  const h = await startHarness({ activationDelayMs: 0, switches });
  harnesses.push(h);
  return h;
}

const soapCalls = (h: Harness) => h.emulator.requests().filter((r) => r.path.startsWith('/services/Soap/m/'));

/** What the review shows, without the usernames and times that differ between two orgs. */
async function review(h: Harness): Promise<unknown> {
  const plan = await h.services.connection.plan('enable');
  const shown = { summary: plan.summary, artifacts: plan.artifacts, oauth: plan.oauth, access: plan.access, licences: plan.licences };
  const text = JSON.stringify(shown)
    .replace(/sales-agent\.[0-9a-z]+@[0-9a-z]+\./gi, 'sales-agent@org.')
    .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, 'time');
  return JSON.parse(text);
}

describe('an org that refuses the CRUD calls for External Client Apps', () => {
  it('reviews the same changes, enables through deploys, and disables through destructive deploys', async () => {
    const crud = await harness({});
    const files = await harness({ ecaCrudCalls: 'refused' });
    expect(await review(files)).toEqual(await review(crud));

    files.emulator.clearRequests();
    const enabled = await files.run(() => files.services.connection.planAndRun('enable'));
    expect(enabled.error).toBeUndefined();
    expect(enabled.status).toBe('connected');
    expect((await files.services.connection.check()).agentTokenOk).toBe(true);

    // Refused once, then straight to deploys: the app remembers the org's answer.
    const calls = soapCalls(files);
    expect(calls.filter((r) => r.status === 500).map((r) => r.soapOperation)).toEqual(['createMetadata']);
    expect(calls.filter((r) => r.soapOperation === 'deploy').length).toBeGreaterThanOrEqual(5);
    expect(calls.filter((r) => r.soapOperation === 'checkDeployStatus').every((r) => r.status === 200)).toBe(true);

    const [app] = files.emulator.state().externalClientApps;
    expect(app).toMatchObject({ fullName: enabled.details?.app.apiName });
    expect(app?.globalOauthSettings).toMatchObject({ consumerKey: enabled.details?.app.consumerKey });
    expect(app?.oauthPolicies).toMatchObject({ permittedUsersPolicyType: 'AdminApprovedPreAuthorized' });

    files.emulator.clearRequests();
    const off = await files.run(() => files.services.connection.planAndRun('disable'));
    expect(off.error).toBeUndefined();
    expect(off.status).toBe('off');
    expect(soapCalls(files).filter((r) => r.status === 500)).toEqual([]);
    expect(soapCalls(files).filter((r) => r.soapOperation === 'deploy').length).toBeGreaterThanOrEqual(5);
    expect(files.emulator.state().externalClientApps).toEqual([]);
    expect(ourLeftovers(files.emulator.state())).toEqual([]);
  });

  it('reads a consumer key the org made itself back with a retrieve', async () => {
    const h = await harness({ ecaCrudCalls: 'refused', clientConsumerKey: 'refused' });
    const enabled = await h.run(() => h.services.connection.planAndRun('enable'));
    expect(enabled.error).toBeUndefined();
    expect(enabled.status).toBe('connected');
    expect(soapCalls(h).some((r) => r.soapOperation === 'checkRetrieveStatus')).toBe(true);
    expect(h.emulator.state().externalClientApps[0]).toMatchObject({
      globalOauthSettings: { consumerKey: enabled.details?.app.consumerKey },
    });
  });

  it('a component the deploy refuses comes back in Salesforce’s words, and the app recovers as it does from a CRUD refusal', async () => {
    const h = await harness({ ecaCrudCalls: 'refused', preAuthorizePermissionSetBy: 'id' });
    const enabled = await h.run(() => h.services.connection.planAndRun('enable'));
    expect(enabled.error).toBeUndefined();
    expect(enabled.status).toBe('connected');
    expect(h.emulator.state().externalClientApps[0]).toMatchObject({
      oauthPolicies: { commaSeparatedPermissionSet: enabled.details?.permissionSet.id },
    });
  });
});
