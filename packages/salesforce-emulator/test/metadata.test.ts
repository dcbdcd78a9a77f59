import type { Connection } from 'jsforce';
import { describe, expect, it } from 'vitest';
import {
  createEca,
  createIntegrationUser,
  expectError,
  firstError,
  mdApi,
  signedInEmulator,
  signIn,
  soapEnvelope,
  VERSION,
} from './test-helpers';
import { startEmulator } from '../index';

const t = signedInEmulator();

async function listAll(md: ReturnType<typeof mdApi>, types: string[]): Promise<{ fullName: string }[]> {
  return (await Promise.all(types.map((type) => md.list({ type })))).flat();
}

const header = (fullName: string) => ({ fullName, contactEmail: 'admin@customer.example', distributionState: 'Local', label: fullName });

describe('External Client App CRUD (fact ECA-METADATA-TYPES)', () => {
  it('creates the five types, generates the policies and a readable consumer key, masks the secret', async () => {
    const md = mdApi(t.conn);
    const { consumerKey } = await createEca(t.conn, 'Agent_App');
    expect(consumerKey).toMatch(/^3MVG9/);
    const plcy = await md.upsert('ExtlClntAppConfigurablePolicies', {
      fullName: 'Agent_App_defaultPolicy',
      externalClientApplication: 'Agent_App',
      isEnabled: true,
      isOauthPluginEnabled: true,
      label: 'x',
    });
    expect(plcy).toMatchObject({ success: true, created: false });
    const global = await md.read('ExtlClntAppGlobalOauthSettings', 'Agent_App_glbloauth');
    expect(global).toMatchObject({
      fullName: 'Agent_App_glbloauth',
      consumerKey,
      isPkceRequired: 'false',
      isClientCredentialsFlowEnabled: 'true',
    });
    expect(global).not.toHaveProperty('consumerSecret');
    const policies = await md.list({ type: 'ExtlClntAppOauthConfigurablePolicies' });
    expect(policies.map((p) => p.fullName)).toEqual(['Agent_App_oauth_defaultPolicy']);
    expect(policies[0]?.fileName).toBe('extlClntAppOauthPolicies/Agent_App_oauth_defaultPolicy.ecaOauthPlcy');
    const defaults = await md.read('ExtlClntAppOauthConfigurablePolicies', 'Agent_App_oauth_defaultPolicy');
    expect(defaults).toMatchObject({ externalClientApplication: 'Agent_App', permittedUsersPolicyType: 'AllSelfAuthorized' });
    const second = await md.create('ExtlClntAppOauthConfigurablePolicies', {
      fullName: 'Agent_App_oauthPlcy',
      externalClientApplication: 'Agent_App',
      label: 'x',
    });
    expect(second.success).toBe(false);
    const soql = await t.conn.query<{ DeveloperName: string; MasterLabel: string }>(
      "SELECT Id, DeveloperName, MasterLabel, CreatedDate FROM ExternalClientApplication WHERE DeveloperName = 'Agent_App'",
    );
    expect(soql.records[0]).toMatchObject({ DeveloperName: 'Agent_App', MasterLabel: 'Agent_App' });
    expect(t.emu.state().externalClientApps[0]).toMatchObject({ fullName: 'Agent_App', globalOauthSettings: { consumerKey } });
  });

  it('needs the header for satellites, refuses a header delete while satellites exist (default), and reports missing names', async () => {
    const md = mdApi(t.conn);
    const orphan = await md.create('ExtlClntAppOauthSettings', { fullName: 'Orphan_oauth', externalClientApplication: 'Nope', label: 'x' });
    expect(orphan.success).toBe(false);
    expect(firstError(orphan)?.statusCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    await createEca(t.conn, 'Cascade_App');
    const refused = await md.delete('ExternalClientApplication', 'Cascade_App');
    expect(refused.success).toBe(false);
    expect(firstError(refused)?.message).toContain('Cascade_App_glbloauth');
    expect(await md.read('ExternalClientApplication', 'Cascade_App')).toMatchObject({ fullName: 'Cascade_App' });
    for (const [type, name] of [
      ['ExtlClntAppOauthConfigurablePolicies', 'Cascade_App_oauth_defaultPolicy'],
      ['ExtlClntAppConfigurablePolicies', 'Cascade_App_defaultPolicy'],
      ['ExtlClntAppGlobalOauthSettings', 'Cascade_App_glbloauth'],
      ['ExtlClntAppOauthSettings', 'Cascade_App_oauth'],
      ['ExternalClientApplication', 'Cascade_App'],
    ] as const)
      expect((await md.delete(type, name)).success).toBe(true);
    const missing = await md.delete('ExternalClientApplication', 'Cascade_App');
    expect(missing.success).toBe(false);
    expect(firstError(missing)?.statusCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    expect(await md.read('ExternalClientApplication', 'Never_Existed')).toEqual({});
  });

  it('ecaDeleteCascade=true: the header delete takes its satellites with it', async () => {
    const emu = await startEmulator({ switches: { ecaDeleteCascade: true } });
    try {
      const md = mdApi(await signIn(emu));
      await createEca(await signIn(emu), 'Cascade_App');
      expect((await md.delete('ExternalClientApplication', 'Cascade_App')).success).toBe(true);
      expect(
        await listAll(md, [
          'ExtlClntAppOauthSettings',
          'ExtlClntAppGlobalOauthSettings',
          'ExtlClntAppOauthConfigurablePolicies',
          'ExtlClntAppConfigurablePolicies',
        ]),
      ).toEqual([]);
    } finally {
      await emu.stop();
    }
  });

  it('ecaPolicies=autoCreated (default): both policy records appear with the header and OAuth settings; a second is a duplicate', async () => {
    const md = mdApi(t.conn);
    await createEca(t.conn, 'Auto_App');
    expect((await md.list({ type: 'ExtlClntAppConfigurablePolicies' })).map((c) => c.fullName)).toEqual(['Auto_App_defaultPolicy']);
    expect(await md.read('ExtlClntAppConfigurablePolicies', 'Auto_App_defaultPolicy')).toMatchObject({
      externalClientApplication: 'Auto_App',
      isEnabled: 'true',
    });
    const second = await md.create('ExtlClntAppConfigurablePolicies', {
      fullName: 'Auto_App_plcy',
      externalClientApplication: 'Auto_App',
      isEnabled: true,
      label: 'x',
    });
    expect(firstError(second)?.statusCode).toBe('DUPLICATE_VALUE');
    const secondOauth = await md.create('ExtlClntAppOauthConfigurablePolicies', {
      fullName: 'Auto_App_oauthPlcy',
      externalClientApplication: 'Auto_App',
      label: 'x',
    });
    expect(firstError(secondOauth)?.statusCode).toBe('DUPLICATE_VALUE');
  });

  it('ecaPolicies=createdByClient: nothing is generated; the client creates both policy records', async () => {
    const emu = await startEmulator({ switches: { ecaPolicies: 'createdByClient' } });
    try {
      const conn = await signIn(emu);
      const md = mdApi(conn);
      await createEca(conn, 'Own_App');
      expect(await listAll(md, ['ExtlClntAppConfigurablePolicies', 'ExtlClntAppOauthConfigurablePolicies'])).toEqual([]);
      const plcy = await md.create('ExtlClntAppConfigurablePolicies', {
        fullName: 'Own_App_plcy',
        externalClientApplication: 'Own_App',
        isEnabled: true,
        label: 'x',
      });
      const oauthPlcy = await md.create('ExtlClntAppOauthConfigurablePolicies', {
        fullName: 'Own_App_oauthPlcy',
        externalClientApplication: 'Own_App',
        label: 'x',
      });
      expect([plcy.success, oauthPlcy.success]).toEqual([true, true]);
    } finally {
      await emu.stop();
    }
  });

  it('upsert reports created, update of a missing name fails, names follow the developer-name rule', async () => {
    const md = mdApi(t.conn);
    const first = await md.upsert('ExternalClientApplication', header('Upsert_App'));
    const again = await md.upsert('ExternalClientApplication', { ...header('Upsert_App'), description: 'changed' });
    expect([first.created, again.created]).toEqual([true, false]);
    expect((await md.read('ExternalClientApplication', 'Upsert_App')).description).toBe('changed');
    const upd = await md.update('ExternalClientApplication', header('Missing_App'));
    expect(firstError(upd)?.statusCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    const bad = await md.create('ExternalClientApplication', header('Bad__Name'));
    expect(bad.success).toBe(false);
  });

  it('validates clientCredentialsFlowUser against existing usernames', async () => {
    const md = mdApi(t.conn);
    await createEca(t.conn, 'Cc_App');
    const bad = await md.upsert('ExtlClntAppOauthConfigurablePolicies', {
      fullName: 'Cc_App_oauth_defaultPolicy',
      clientCredentialsFlowUser: 'agent@nowhere.example',
      externalClientApplication: 'Cc_App',
      isClientCredentialsFlowEnabled: true,
      label: 'x',
    });
    expect(firstError(bad)?.message).toBe('Enter a valid execution user for the OAuth client credentials flow.');
    const user = await createIntegrationUser(t.conn);
    const ok = await md.upsert('ExtlClntAppOauthConfigurablePolicies', {
      fullName: 'Cc_App_oauth_defaultPolicy',
      clientCredentialsFlowUser: user.username,
      externalClientApplication: 'Cc_App',
      isClientCredentialsFlowEnabled: true,
      label: 'x',
    });
    expect(ok.success).toBe(true);
  });

  it('blocks ConnectedApp creation by default (switch) and ECA names colliding with a connected app', async () => {
    const md = mdApi(t.conn);
    const ca = await md.create('ConnectedApp', {
      fullName: 'New_CA',
      contactEmail: 'a@b.example',
      label: 'New CA',
      oauthConfig: { callbackUrl: 'https://x.example/cb', scopes: ['Api'] },
    });
    expect(ca.success).toBe(false);
    const collide = await md.create('ExternalClientApplication', header('contoso_legacy_sync'));
    expect(firstError(collide)?.statusCode).toBe('DUPLICATE_DEVELOPER_NAME');
    const legacy = await md.read('ConnectedApp', 'Contoso_Legacy_Sync');
    expect((legacy.oauthConfig as Record<string, unknown>).consumerKey).toBeTruthy();
    expect(legacy.oauthConfig).not.toHaveProperty('consumerSecret');
    const open = await startEmulator({ switches: { allowConnectedAppCreate: true } });
    try {
      const c = await signIn(open);
      expect((await mdApi(c).create('ConnectedApp', { fullName: 'New_CA', contactEmail: 'a@b.example', label: 'New CA' })).success).toBe(
        true,
      );
    } finally {
      await open.stop();
    }
  });

  it('faults on more than 10 components, unknown types, old API versions and bad booleans', async () => {
    const md = mdApi(t.conn);
    const eleven = Array.from({ length: 11 }, (_, i) => header(`Many_${i}`));
    const many = await expectError(() => md.create('ExternalClientApplication', eleven));
    expect(many.errorCode).toBe('sf:EXCEEDED_ID_LIMIT');
    const ten = await md.create('ExternalClientApplication', eleven.slice(0, 10));
    expect(ten.every((r) => r.success)).toBe(true);
    const unknown = await expectError(() => md.create('NoSuchType', { fullName: 'x' }));
    expect(unknown.errorCode).toBe('sf:INVALID_TYPE');
    const old = signInAtVersion(t.conn, '58.0');
    const v58 = await expectError(() => mdApi(old).read('ExternalClientApplication', 'Many_0'));
    expect(v58.errorCode).toBe('sf:INVALID_TYPE');
    const res = await soap(
      t.conn.accessToken ?? '',
      '<createMetadata><metadata xsi:type="ExternalClientApplication"><fullName>B</fullName><contactEmail>a@b.c</contactEmail><isProtected>yes</isProtected><label>B</label></metadata></createMetadata>',
    );
    expect(res.status).toBe(500);
    expect(res.text).toContain('<faultcode>soapenv:Client</faultcode>');
  });
});

function signInAtVersion(c: Connection, version: string): Connection {
  return new (c.constructor as new (o: object) => Connection)({ instanceUrl: c.instanceUrl, accessToken: c.accessToken, version });
}

async function soap(sessionId: string, body: string): Promise<{ status: number; contentType: string; text: string }> {
  const res = await fetch(`${t.emu.instanceUrl}/services/Soap/m/${VERSION}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml', soapaction: '""' },
    body: soapEnvelope(sessionId, body),
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', text: await res.text() };
}

describe('SOAP shapes and sessions (fact METADATA-SOAP)', () => {
  it('answers with the Salesforce envelope and text/xml;charset=UTF-8', async () => {
    const res = await soap(
      t.conn.accessToken ?? '',
      '<createMetadata><metadata xsi:type="ExternalClientApplication"><fullName>Raw_App</fullName><contactEmail>a@b.c</contactEmail><label>Raw</label></metadata></createMetadata>',
    );
    expect(res.status).toBe(200);
    expect(res.contentType).toBe('text/xml;charset=UTF-8');
    expect(res.text).toContain(
      '<soapenv:Body><createMetadataResponse><result><fullName>Raw_App</fullName><success>true</success></result></createMetadataResponse></soapenv:Body>',
    );
  });

  it('bad sessions give HTTP 500 sf:INVALID_SESSION_ID; jsforce refreshes and retries', async () => {
    const bad = await soap(
      '00Dbogus!token',
      '<listMetadata><queries><type>ExternalClientApplication</type></queries><asOfVersion>66.0</asOfVersion></listMetadata>',
    );
    expect(bad.status).toBe(500);
    expect(bad.text).toContain(
      '<faultcode>sf:INVALID_SESSION_ID</faultcode><faultstring>INVALID_SESSION_ID: Invalid Session ID found in SessionHeader: Illegal Session</faultstring>',
    );
    const malformed = await fetch(`${t.emu.instanceUrl}/services/Soap/m/${VERSION}`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml' },
      body: '<not-xml',
    });
    expect(malformed.status).toBe(500);
    expect(await malformed.text()).toContain('soapenv:Client');
    const before = t.conn.accessToken;
    t.emu.advanceClock(7201 * 1000);
    const res = await mdApi(t.conn).create('ExternalClientApplication', header('After_Refresh'));
    expect(res.success).toBe(true);
    expect(t.conn.accessToken).not.toBe(before);
  });

  it('needs Modify All Data or Modify Metadata', async () => {
    const user = await signIn(t.emu, 'nonAdmin');
    const err = await expectError(() => mdApi(user).list({ type: 'ExternalClientApplication' }));
    expect(err.errorCode).toBe('sf:INSUFFICIENT_ACCESS');
  });
});
