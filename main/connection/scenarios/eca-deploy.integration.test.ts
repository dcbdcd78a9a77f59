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

const soapFault = (code: string, message: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:sf="urn:fault.partner.soap.sforce.com"><soapenv:Body><soapenv:Fault><faultcode>sf:${code}</faultcode><faultstring>${code}: ${message}</faultstring></soapenv:Fault></soapenv:Body></soapenv:Envelope>`;

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

  it('Rotate key reads the app with retrieves and writes the new certificate with a deploy; the consumer key stays', async () => {
    const h = await harness({ ecaCrudCalls: 'refused' });
    const enabled = await h.run(() => h.services.connection.planAndRun('enable'));
    expect(enabled.status).toBe('connected');
    const certificate = (h.emulator.state().externalClientApps[0]?.globalOauthSettings as { certificate?: string } | null)?.certificate;

    h.emulator.clearRequests();
    const rotated = await h.run(() => h.services.connection.planAndRun('rotateKey'));
    expect(rotated.error).toBeUndefined();
    expect(rotated.status).toBe('connected');
    expect(rotated.details?.app.consumerKey).toBe(enabled.details?.app.consumerKey);
    const after = h.emulator.state().externalClientApps[0]?.globalOauthSettings as { certificate?: string } | null;
    expect(after?.certificate).toBeDefined();
    expect(after?.certificate).not.toBe(certificate);
    expect(soapCalls(h).filter((r) => r.soapOperation === 'retrieve')).toHaveLength(2);
    expect((await h.services.connection.check()).agentTokenOk).toBe(true);
  });

  it('an Enable stopped after part of the app was deployed rolls back through destructive deploys', async () => {
    const h = await harness({ ecaCrudCalls: 'refused' });
    // Listing the policies keeps failing: the header, OAuth and global settings are deployed by then.
    h.emulator.addFault({
      soapOperation: 'listMetadata',
      times: 1_000,
      respond: {
        status: 500,
        contentType: 'text/xml;charset=UTF-8',
        body: soapFault('UNKNOWN_EXCEPTION', 'An unexpected error occurred.'),
      },
    });
    const stopped = await h.run(() => h.services.connection.planAndRun('enable'));
    expect(stopped.error).toBeDefined();
    expect(h.emulator.state().externalClientApps).toHaveLength(1);

    h.emulator.clearFaults();
    h.emulator.clearRequests();
    // Without the listing the app cannot tell which policies are its own: it keeps the run for a rollback.
    expect(stopped.status).toBe('interrupted');
    await h.run(() => h.services.connection.planAndRun('rollback'));
    expect(h.emulator.state().externalClientApps).toEqual([]);
    expect(ourLeftovers(h.emulator.state())).toEqual([]);
    expect(soapCalls(h).filter((r) => r.soapOperation === 'deploy').length).toBeGreaterThanOrEqual(3);
  });
});
