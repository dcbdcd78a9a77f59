import { createPrivateKey } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { requestAgentToken } from '../../agent/token';
import { createSettingsRepository } from '../../store/settings-repository';
import { artifactNames } from '../org/names';
import { createConnectionRecordStore } from '../record/record-store';
import { privateKeyVaultKey } from '../steps/key-pair';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const PASSPHRASE = 'correct horse battery staple';
const rebuilds = ['reconnect', 'recreate'];

async function connected(): Promise<Harness> {
  harness = await startHarness({ activationDelayMs: 0 });
  const h = harness;
  expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');
  return h;
}

/** The connection as the shared state (another process over the same data folder) has it. */
const shared = (h: Harness) => createConnectionRecordStore(h.stores).get(h.emulator.orgId);

/** Signs in with an exported credentials file exactly as the agent does. */
async function agentSignsInWith(h: Harness, file: string): Promise<boolean> {
  const c = JSON.parse(file) as { myDomainUrl: string; audience: string; consumerKey: string; username: string; privateKey: string };
  const privateKeyPem = createPrivateKey({ key: c.privateKey, format: 'pem', passphrase: PASSPHRASE })
    .export({ type: 'pkcs8', format: 'pem' })
    .toString();
  const result = await requestAgentToken({
    instanceUrl: c.myDomainUrl,
    audience: c.audience,
    consumerKey: c.consumerKey,
    username: c.username,
    privateKeyPem,
    now: new Date(Date.now() + 60_000 * 60),
  });
  return result.ok;
}

describe('a check that Salesforce does not answer', () => {
  it('503s from the token endpoint: says Salesforce did not answer, offers no rebuild, keeps the last verdict', async () => {
    const h = await connected();
    const before = shared(h);
    h.emulator.addFault({
      method: 'POST',
      path: '/services/oauth2/token$',
      times: 3,
      respond: { status: 503, body: 'Service Unavailable', contentType: 'text/plain' },
    });
    const report = await h.services.connection.check();
    expect(report.problem).toMatchObject({ kind: 'transient', error: { code: 'CHECK_NO_ANSWER', action: 'retry' } });
    expect(report.problem?.error.message).toMatch(/did not answer.*tries again, with backoff/);
    const state = h.services.connection.state();
    expect(state.status).toBe('connected');
    expect(state.error).toBeUndefined();
    expect(state.checkProblem?.error.code).toBe('CHECK_NO_ANSWER');
    expect(rebuilds).not.toContain(state.checkProblem?.error.action);
    // The shared state is the last real verdict, untouched.
    expect(shared(h)).toEqual(before);
    expect(h.restart().connection.state().status).toBe('connected');

    // The next check gets its answer again: connected, and the note is gone.
    expect((await h.services.connection.check()).problem).toBeUndefined();
    expect(h.services.connection.state().checkProblem).toBeUndefined();
  });

  it('answers after two 503s are waited out with backoff within the same check', async () => {
    const h = await connected();
    h.emulator.addFault({ method: 'POST', path: '/services/oauth2/token$', times: 2, respond: { status: 503, body: '' } });
    const report = await h.services.connection.check();
    expect(report.problem).toBeUndefined();
    expect(report).toMatchObject({ status: 'connected', agentTokenOk: true });
  });
});

describe('a check on a computer without the agent key', () => {
  it('says this computer lacks the key, offers Rotate key, and never marks the org broken', async () => {
    const h = await connected();
    const before = shared(h);
    const app = artifactNames(createSettingsRepository(h.stores).get().agentName).appApiName;
    await h.vault.delete(privateKeyVaultKey(h.emulator.orgId, app));
    const report = await h.services.connection.check();
    expect(report.problem).toMatchObject({ kind: 'local', error: { code: 'AGENT_KEY_NOT_HERE', action: 'rotateKey' } });
    expect(h.services.connection.state().status).toBe('connected');
    expect(shared(h)).toEqual(before);
  });
});

describe('a deactivated integration user', () => {
  it('is named with its fix, Repair reactivates it in place, and the exported credentials keep working', async () => {
    const h = await connected();
    const file = (await h.services.connection.exportCredentials(PASSPHRASE)).content;
    const details = h.services.connection.state().details;
    const admin = await h.session();
    await admin.connection.sobject('User').update({ Id: details?.user.id ?? '', IsActive: false });
    expect(await agentSignsInWith(h, file)).toBe(false);

    const report = await h.services.connection.check();
    expect(report.status).toBe('error');
    const broken = h.services.connection.state();
    expect(broken.error).toMatchObject({ code: 'CONNECTION_BROKEN', action: 'repair' });
    expect(broken.error?.message).toContain(`The integration user ${details?.user.username ?? ''} was deactivated in Salesforce on`);
    expect(broken.error?.message).toMatch(/consumer key and the certificate stay/);
    expect(broken.details?.user.active).toBe(false);

    const plan = await h.services.connection.plan('repair');
    expect(plan.artifacts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ part: 'user', action: 'reactivate', name: details?.user.username }),
        expect.objectContaining({ part: 'app', action: 'keep' }),
        expect.objectContaining({ part: 'key', action: 'keep' }),
      ]),
    );
    expect(plan.consequences).toContain('credentialsKeepWorking');
    expect(plan.consequences).not.toContain('consumerKeyChanges');
    expect(plan.licences).toEqual([expect.objectContaining({ licence: 'integrationUser', change: 'use' })]);
    const reconnect = await h.services.connection.plan('reconnect');
    expect(reconnect.whyRebuild).toBe('repairWouldDo');
    expect(reconnect.summary[0]).toMatch(/Something smaller would do: Repair/);

    const repaired = await h.run(() => h.services.connection.repair({ planId: plan.id }));
    expect(repaired.error).toBeUndefined();
    expect(repaired.status).toBe('connected');
    expect(repaired.details?.app.consumerKey).toBe(details?.app.consumerKey);
    expect(repaired.details?.user.id).toBe(details?.user.id);
    expect(repaired.details?.user.active).toBe(true);
    expect(h.emulator.state().users.find((u) => u.Id === details?.user.id)?.IsActive).toBe(true);
    expect(await agentSignsInWith(h, file)).toBe(true);
    expect((await h.services.connection.check()).status).toBe('connected');
    expect(h.audit.list({ operation: 'connection.repair' }).map((e) => e.result)).toEqual(['success']);
  });

  it('a removed permission set licence and grant are re-added by Repair, with the same app', async () => {
    const h = await connected();
    const consumerKey = h.services.connection.state().details?.app.consumerKey;
    const admin = await h.session();
    const licence = h.emulator.state().permissionSetLicenseAssigns.at(-1);
    expect(licence).toBeDefined();
    await admin.connection.sobject('PermissionSetLicenseAssign').destroy(licence?.Id ?? '');
    const psId = h.emulator.state().permissionSets.find((p) => p.Name === 'Sales_Agent_Permission_Set')?.Id;
    const grant = h.emulator.state().fieldPermissions.find((f) => f.ParentId === psId && f.PermissionsRead);
    expect(grant).toBeDefined();
    await admin.connection.sobject('FieldPermissions').destroy(String(grant?.Id));
    await h.services.connection.check();
    expect(h.services.connection.state().error).toMatchObject({ action: 'repair' });
    expect(h.services.connection.state().error?.message).toMatch(/no longer has the Salesforce API Integration permission set licence/);
    const repaired = await h.run(() => h.services.connection.planAndRun('repair'));
    expect(repaired.status).toBe('connected');
    expect(repaired.details?.app.consumerKey).toBe(consumerKey);
    expect(h.emulator.state().fieldPermissions.some((f) => f.ParentId === psId && f.Field === grant?.Field && f.PermissionsRead)).toBe(
      true,
    );
    expect((await h.services.connection.check()).agentTokenOk).toBe(true);
  });
});

describe('a part only a rebuild brings back', () => {
  it('after a check found the app deleted, the Reconnect review says why nothing smaller works', async () => {
    const h = await connected();
    const records = createConnectionRecordStore(h.stores);
    const orgId = h.emulator.orgId;
    // What a check finds when the app was deleted in the org.
    const saved = records.get(orgId);
    records.update(orgId, {
      status: 'error',
      drift: { missingFields: [], missingObjects: [], extraGrants: [], brokenArtifacts: ['app'] },
      error: { code: 'CONNECTION_BROKEN', message: 'The External Client App was deleted in Salesforce.', action: 'reconnect' },
      record: saved.record,
    });
    const plan = await h.services.connection.plan('reconnect');
    expect(plan.whyRebuild).toBe('appGone');
    expect(plan.summary[0]).toMatch(/only a new app brings it back/);
  });
});
