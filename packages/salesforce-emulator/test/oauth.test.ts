import jsforce from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type StartedEmulator } from '../index';
import {
  authorizeInBrowser,
  CLI,
  createEca,
  createIntegrationUser,
  expectError,
  grantAgentAccess,
  makeCertificate,
  mdApi,
  newOAuth2,
  preAuthorize,
  restFetch,
  signIn,
  signJwt,
  tokenRequest,
  VERSION,
  type KeyPair,
} from './test-helpers';

let emu: StartedEmulator;
let keys: KeyPair;
const PRODUCTION = 'https://login.salesforce.com';
const SANDBOX = 'https://test.salesforce.com';

beforeAll(async () => {
  emu = await startEmulator();
  keys = await makeCertificate();
});
afterAll(async () => {
  await emu.stop();
});
beforeEach(() => emu.reset());

describe('web-server flow with PKCE (jsforce OAuth2 + the HTML pages)', () => {
  it('signs in, passes state back and returns a token response without expires_in (fact TOKEN-RESPONSE)', async () => {
    const oauth2 = newOAuth2(emu);
    expect(oauth2.codeVerifier).toHaveLength(171);
    const url = oauth2.getAuthorizationUrl({ scope: 'api refresh_token web', state: 'xyz-state', prompt: 'login' });
    const redirect = await authorizeInBrowser(url, emu.admin.username, emu.admin.password);
    expect(`${redirect.origin}${redirect.pathname}`).toBe(CLI.redirectUri);
    expect(redirect.searchParams.get('state')).toBe('xyz-state');
    const token = await oauth2.requestToken(redirect.searchParams.get('code') ?? '');
    expect(token.access_token).toMatch(new RegExp(`^${emu.orgId.slice(0, 15)}!`));
    expect(token.refresh_token).toBeTruthy();
    expect(token.instance_url).toBe(emu.instanceUrl);
    expect(token.id).toBe(`${emu.loginUrl}/id/${emu.orgId}/${emu.admin.userId}`);
    expect(token.token_type).toBe('Bearer');
    expect(Number(token.issued_at)).toBeGreaterThan(1_600_000_000_000);
    expect(token.signature).toBeTruthy();
    expect(token.scope).toContain('api');
    expect(token).not.toHaveProperty('expires_in');
  });

  it('the login page has labelled fields and a Log In button; prompt=login always shows it', async () => {
    const conn = await signIn(emu);
    expect(conn.accessToken).toBeTruthy();
    const url = newOAuth2(emu).getAuthorizationUrl({ prompt: 'login' });
    const html = await (await fetch(url)).text();
    expect(html).toMatch(/<label for="username">Username<\/label>/);
    expect(html).toMatch(/<label for="password">Password<\/label>/);
    expect(html).toMatch(/<button[^>]*>Log In<\/button>/);
  });

  it('omits refresh_token without the refresh_token scope', async () => {
    const oauth2 = newOAuth2(emu);
    const redirect = await authorizeInBrowser(oauth2.getAuthorizationUrl({ scope: 'api' }), emu.admin.username, emu.admin.password);
    const token = await oauth2.requestToken(redirect.searchParams.get('code') ?? '');
    expect(token.refresh_token).toBeUndefined();
  });

  it('redirects with error=access_denied when the user presses Deny', async () => {
    const url = newOAuth2(emu).getAuthorizationUrl({ state: 's1' });
    const redirect = await authorizeInBrowser(url, emu.admin.username, emu.admin.password, 'deny');
    expect(redirect.searchParams.get('error')).toBe('access_denied');
    expect(redirect.searchParams.get('state')).toBe('s1');
  });

  it('requires an exact redirect_uri match (a different port is a mismatch)', async () => {
    const oauth2 = new jsforce.OAuth2({
      loginUrl: emu.loginUrl,
      clientId: 'PlatformCLI',
      redirectUri: 'http://localhost:1718/OauthRedirect',
      useVerifier: true,
    });
    const res = await fetch(oauth2.getAuthorizationUrl({ state: 'q' }), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const loc = new URL(res.headers.get('location') ?? '');
    // Salesforce's own error page, never the unregistered callback (fact AUTHORIZE-ERROR-PAGE).
    expect(loc.origin).toBe(new URL(emu.loginUrl).origin);
    expect(loc.pathname).toBe('/setup/secur/RemoteAccessErrorPage.apexp');
    expect(loc.searchParams.get('error')).toBe('redirect_uri_mismatch');
    expect(loc.searchParams.get('error_description')).toBe('redirect_uri must match configuration');
    const page = await fetch(loc);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('error=redirect_uri_mismatch: redirect_uri must match configuration');
  });

  it.each([
    ['notInstalled', 'invalid_client', 'app must be installed into org'],
    ['blocked', 'OAUTH_APP_BLOCKED', 'this app is blocked by admin'],
  ] as const)('answers a client the org refuses (%s) on its error page, before any login', async (refusal, error, description) => {
    const clientId = `Refused_${refusal}`;
    emu.registerSignInClient({ clientId, redirectUris: ['http://localhost:1717/OauthRedirect'], refusal });
    const oauth2 = new jsforce.OAuth2({
      loginUrl: emu.loginUrl,
      clientId,
      redirectUri: 'http://localhost:1717/OauthRedirect',
      useVerifier: true,
    });
    const res = await fetch(oauth2.getAuthorizationUrl({ state: 'q' }), { redirect: 'manual' });
    const loc = new URL(res.headers.get('location') ?? '');
    expect(loc.pathname).toBe('/setup/secur/RemoteAccessErrorPage.apexp');
    expect([loc.searchParams.get('error'), loc.searchParams.get('error_description')]).toEqual([error, description]);
  });

  it('answers an unknown client on the error page too', async () => {
    const oauth2 = new jsforce.OAuth2({
      loginUrl: emu.loginUrl,
      clientId: 'NoSuchClient',
      redirectUri: 'http://localhost:1717/OauthRedirect',
    });
    const res = await fetch(oauth2.getAuthorizationUrl({}), { redirect: 'manual' });
    const loc = new URL(res.headers.get('location') ?? '');
    expect(loc.pathname).toBe('/setup/secur/RemoteAccessErrorPage.apexp');
    expect(loc.searchParams.get('error')).toBe('invalid_client_id');
  });

  it('rejects a wrong password and refuses interactive login for API-only integration users', async () => {
    const url = newOAuth2(emu).getAuthorizationUrl({});
    const bad = await fetch(url, {
      method: 'POST',
      body: new URLSearchParams({ step: 'login', username: emu.admin.username, password: 'nope' }),
    });
    expect(await bad.text()).toContain('Please check your username and password');
    const conn = await signIn(emu);
    const user = await createIntegrationUser(conn);
    await conn.sobject('User').update({ Id: user.id, IsActive: true });
    const res = await fetch(url, { method: 'POST', body: new URLSearchParams({ step: 'login', username: user.username, password: 'x' }) });
    expect(res.headers.get('set-cookie')).toBeNull();
  });

  it('codes are single-use, expire after 15 minutes and need the right verifier', async () => {
    const oauth2 = newOAuth2(emu);
    const url = oauth2.getAuthorizationUrl({ scope: 'api' });
    const first = await authorizeInBrowser(url, emu.admin.username, emu.admin.password);
    const code = first.searchParams.get('code') ?? '';
    await oauth2.requestToken(code);
    const reuse = await expectError(() => oauth2.requestToken(code));
    expect(reuse.name).toBe('invalid_grant');

    const second = await authorizeInBrowser(url, emu.admin.username, emu.admin.password);
    emu.advanceClock(16 * 60 * 1000);
    const expired = await expectError(() => oauth2.requestToken(second.searchParams.get('code') ?? ''));
    expect(expired.message).toBe('expired authorization code');

    const third = await authorizeInBrowser(url, emu.admin.username, emu.admin.password);
    const wrong = await tokenRequest(emu.loginUrl, {
      grant_type: 'authorization_code',
      code: third.searchParams.get('code') ?? '',
      client_id: CLI.clientId,
      redirect_uri: CLI.redirectUri,
      code_verifier: 'x'.repeat(171),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.contentType).toMatch(/^application\/json/);
    expect(wrong.body.error).toBe('invalid_request');
  });
});

describe('refresh, expiry, revoke, identity', () => {
  it('expired access tokens give INVALID_SESSION_ID and jsforce refreshes transparently', async () => {
    const conn = await signIn(emu);
    const before = conn.accessToken;
    emu.advanceClock(7201 * 1000);
    const raw = await restFetch(emu, before ?? '', '/query?q=SELECT+Id+FROM+Account');
    expect(raw.status).toBe(401);
    expect(raw.body).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    emu.clearRequests();
    const res = await conn.query('SELECT Id FROM Account');
    expect(res.totalSize).toBe(5);
    expect(conn.accessToken).not.toBe(before);
    const paths = emu.requests().map((r) => `${r.method} ${r.path} ${r.status}`);
    expect(paths).toEqual([
      `GET /services/data/v${VERSION}/query 401`,
      'POST /services/oauth2/token 200',
      `GET /services/data/v${VERSION}/query 200`,
    ]);
  });

  it('revoking the refresh token revokes its access tokens', async () => {
    const conn = await signIn(emu);
    await conn.oauth2.revokeToken(conn.refreshToken ?? '');
    const raw = await restFetch(emu, conn.accessToken ?? '', '/limits');
    expect(raw.status).toBe(401);
    const refresh = await tokenRequest(emu.loginUrl, {
      grant_type: 'refresh_token',
      refresh_token: conn.refreshToken ?? '',
      client_id: CLI.clientId,
    });
    expect(refresh.body).toEqual({ error: 'invalid_grant', error_description: 'expired access/refresh token' });
    expect(emu.state().tokens.active).toBe(0);
  });

  it('serves userinfo and the identity URL on the login origin', async () => {
    const conn = await signIn(emu);
    const identity = await conn.identity();
    expect(identity.username).toBe(emu.admin.username);
    expect(identity.organization_id).toBe(emu.orgId);
    const info = await fetch(`${emu.instanceUrl}/services/oauth2/userinfo`, {
      headers: { authorization: `Bearer ${conn.accessToken ?? ''}` },
    });
    const body = (await info.json()) as Record<string, unknown>;
    expect(body.preferred_username).toBe(emu.admin.username);
    expect(body.user_id).toBe(emu.admin.userId);
    const bad = await fetch(`${emu.loginUrl}/services/oauth2/userinfo`, { headers: { authorization: 'Bearer nope' } });
    expect(bad.status).toBe(403);
  });
});

describe('JWT bearer and client credentials (External Client App)', () => {
  async function setupApp(name: string, opts: { preAuth?: boolean; runAs?: boolean } = {}) {
    const conn = await signIn(emu);
    const { consumerKey } = await createEca(conn, name, keys.certPem);
    const user = await createIntegrationUser(conn);
    await grantAgentAccess(conn, user.id, `${name}_Access`);
    if (opts.preAuth !== false) await preAuthorize(conn, name, `${name}_Access`, opts.runAs ? user.username : undefined);
    return { conn, consumerKey, user };
  }
  const claims = (iss: string, sub: string, aud: string, exp = Math.floor(Date.now() / 1000) + 300) => ({ iss, sub, aud, exp });

  it('issues a token for a pre-authorized API-only user; the agent can read what its set grants', async () => {
    const { consumerKey, user } = await setupApp('Agent_Jwt');
    const assertion = signJwt(keys.privateKeyPem, claims(consumerKey, user.username, PRODUCTION));
    const conn = new jsforce.Connection({ oauth2: { loginUrl: emu.instanceUrl, clientId: consumerKey }, version: VERSION });
    await conn.authorize({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    expect(conn.instanceUrl).toBe(emu.instanceUrl);
    expect(conn.refreshToken).toBeUndefined();
    // Read without View All on a Private Account (fact OWD-SOURCES): the query works, the agent owns none.
    const accounts = await conn.query<{ Industry: string }>('SELECT Id, Name, Industry FROM Account');
    expect(accounts.totalSize).toBe(0);
    const phone = await expectError(() => conn.query('SELECT Phone FROM Account'));
    expect(phone.errorCode).toBe('INVALID_FIELD');
    const contacts = await expectError(() => conn.query('SELECT Id FROM Contact'));
    expect(contacts.errorCode).toBe('INVALID_TYPE');
    expect(contacts.message).toContain("sObject type 'Contact' is not supported.");
  });

  it('accepts sfdx-core style millisecond exp on both origins and rejects expired exp and a wrong aud', async () => {
    const { consumerKey, user } = await setupApp('Agent_Exp');
    const ms = signJwt(keys.privateKeyPem, claims(consumerKey, user.username, PRODUCTION, Date.now() + 300));
    for (const origin of [emu.loginUrl, emu.instanceUrl]) {
      const ok = await tokenRequest(origin, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: ms });
      expect(ok.status).toBe(200);
    }
    const expired = await tokenRequest(emu.loginUrl, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: signJwt(keys.privateKeyPem, claims(consumerKey, user.username, PRODUCTION, Math.floor(Date.now() / 1000) - 10)),
    });
    expect(expired.body.error).toBe('invalid_grant');
    // The host the assertion is posted to is not an audience Salesforce accepts (fact JWT-AUDIENCE).
    const aud = await tokenRequest(emu.loginUrl, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: signJwt(keys.privateKeyPem, claims(consumerKey, user.username, emu.loginUrl)),
    });
    expect(aud.body).toEqual({ error: 'invalid_grant', error_description: 'Audience validation failed' });
    const other = await makeCertificate();
    const forged = await tokenRequest(emu.loginUrl, {
      grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      assertion: signJwt(other.privateKeyPem, claims(consumerKey, user.username, PRODUCTION)),
    });
    expect(forged.body.error).toBe('invalid_grant');
  });

  it("refuses users who aren't pre-authorized and apps that are disabled", async () => {
    const { conn, consumerKey, user } = await setupApp('Agent_NoPre', { preAuth: false });
    const assertion = signJwt(keys.privateKeyPem, claims(consumerKey, user.username, PRODUCTION));
    const res = await tokenRequest(emu.loginUrl, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    expect(res.body).toEqual({ error: 'invalid_grant', error_description: "user hasn't approved this consumer" });
    await preAuthorize(conn, 'Agent_NoPre', 'Agent_NoPre_Access');
    expect((await tokenRequest(emu.loginUrl, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion })).status).toBe(200);
    // The configurable policies Salesforce generated with the header (fact ECA-POLICIES), switched off.
    const disabled = await mdApi(conn).update('ExtlClntAppConfigurablePolicies', {
      fullName: 'Agent_NoPre_defaultPolicy',
      externalClientApplication: 'Agent_NoPre',
      isEnabled: false,
      isOauthPluginEnabled: true,
      label: 'p',
    });
    expect(disabled.success).toBe(true);
    expect((await tokenRequest(emu.loginUrl, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion })).status).toBe(400);
  });

  it('client credentials: My Domain only, needs the secret (Connect REST, gated by the org setting)', async () => {
    const { conn, consumerKey, user } = await setupApp('Agent_Cc', { runAs: true });
    const gated = await expectError(() =>
      conn.request(`/services/data/v${VERSION}/apps/oauth/usage`).then(async (u) => {
        const app = (u as { apps: { identifier: string }[] }).apps[0];
        return conn.request(`/services/data/v${VERSION}/apps/oauth/credentials/${app?.identifier ?? ''}`);
      }),
    );
    expect(gated.errorCode).toBe('FUNCTIONALITY_NOT_ENABLED');
    await mdApi(conn).update('ExternalClientAppSettings', { fullName: 'ExternalClientApp', enableClientSecretInRestApiAccess: true });
    const usage = await conn.request<{ apps: { identifier: string; developerName: string }[] }>(
      `/services/data/v${VERSION}/apps/oauth/usage`,
    );
    const app = usage.apps.find((a) => a.developerName === 'Agent_Cc');
    const consumers = await conn.request<{ consumers: { id: string }[] }>(
      `/services/data/v${VERSION}/apps/oauth/credentials/${app?.identifier ?? ''}`,
    );
    const creds = await conn.request<{ key: string; secret: string }>(
      `/services/data/v${VERSION}/apps/oauth/credentials/${app?.identifier ?? ''}/${consumers.consumers[0]?.id ?? ''}?part=keyandsecret`,
    );
    expect(creds.key).toBe(consumerKey);

    const oauthLogin = new jsforce.OAuth2({ loginUrl: emu.loginUrl, clientId: consumerKey, clientSecret: creds.secret });
    const onLogin = await expectError(() => oauthLogin.requestToken({ grant_type: 'client_credentials' }));
    expect(onLogin.message).toBe('request not supported on this domain');
    const oauthMyDomain = new jsforce.OAuth2({ loginUrl: emu.instanceUrl, clientId: consumerKey, clientSecret: creds.secret });
    const token = await oauthMyDomain.requestToken({ grant_type: 'client_credentials' });
    expect(token.refresh_token).toBeUndefined();
    expect(token.id.endsWith(`/${user.id}`)).toBe(true);
    const wrongSecret = await tokenRequest(emu.instanceUrl, {
      grant_type: 'client_credentials',
      client_id: consumerKey,
      client_secret: 'nope',
    });
    expect(wrongSecret.body.error).toBe('invalid_client');
  });

  it('activation delay: grants fail with invalid_client_id until the delay passes', async () => {
    const delayed = await startEmulator({ activationDelayMs: 120_000 });
    try {
      const conn = await signIn(delayed);
      const { consumerKey } = await createEca(conn, 'Agent_Delay', keys.certPem);
      const user = await createIntegrationUser(conn);
      await grantAgentAccess(conn, user.id, 'Agent_Delay_Access');
      await preAuthorize(conn, 'Agent_Delay', 'Agent_Delay_Access');
      const assertion = signJwt(keys.privateKeyPem, claims(consumerKey, user.username, PRODUCTION));
      const early = await tokenRequest(delayed.loginUrl, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
      expect(early).toMatchObject({ status: 400, body: { error: 'invalid_client_id', error_description: 'client identifier invalid' } });
      delayed.advanceClock(121_000);
      const late = await tokenRequest(delayed.loginUrl, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
      expect(late.status).toBe(200);
    } finally {
      await delayed.stop();
    }
  });

  it('deleting the app kills its tokens; deactivating the user does too', async () => {
    const { conn, consumerKey, user } = await setupApp('Agent_Kill');
    const assertion = signJwt(keys.privateKeyPem, claims(consumerKey, user.username, PRODUCTION));
    const t1 = await tokenRequest(emu.loginUrl, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    await conn.sobject('User').update({ Id: user.id, IsActive: false });
    expect((await restFetch(emu, String(t1.body.access_token), '/limits')).status).toBe(401);
    await conn.sobject('User').update({ Id: user.id, IsActive: true });
    const t2 = await tokenRequest(emu.loginUrl, { grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion });
    expect((await restFetch(emu, String(t2.body.access_token), '/limits')).status).toBe(200);
    // Satellites first: the header alone is refused while they exist (fact ECA-DELETE-CASCADE, default).
    for (const [type, name] of [
      ['ExtlClntAppOauthConfigurablePolicies', 'Agent_Kill_oauth_defaultPolicy'],
      ['ExtlClntAppConfigurablePolicies', 'Agent_Kill_defaultPolicy'],
      ['ExtlClntAppGlobalOauthSettings', 'Agent_Kill_glbloauth'],
      ['ExtlClntAppOauthSettings', 'Agent_Kill_oauth'],
      ['ExternalClientApplication', 'Agent_Kill'],
    ] as const)
      await mdApi(conn).delete(type, name);
    expect((await restFetch(emu, String(t2.body.access_token), '/limits')).status).toBe(401);
  });
});

describe('JWT audience by org type (facts ORG-TYPE, JWT-AUDIENCE)', () => {
  const cases = [
    { orgType: 'production', jwtAudience: 'salesforce', accepted: [PRODUCTION], refused: [SANDBOX, 'login', 'instance'] },
    { orgType: 'sandbox', jwtAudience: 'salesforce', accepted: [SANDBOX, `${SANDBOX}/`], refused: [PRODUCTION, 'login', 'instance'] },
    { orgType: 'production', jwtAudience: 'loose', accepted: [PRODUCTION, 'login'], refused: [SANDBOX, 'instance'] },
    { orgType: 'sandbox', jwtAudience: 'loose', accepted: [SANDBOX, 'login'], refused: [PRODUCTION, 'instance'] },
  ] as const;

  it.each(cases)(
    'orgType=$orgType, jwtAudience=$jwtAudience: accepts $accepted on both origins',
    async ({ orgType, jwtAudience, accepted, refused }) => {
      const org = await startEmulator({ switches: { orgType, jwtAudience } });
      try {
        const conn = await signIn(org);
        const organization = await conn.sobject('Organization').retrieve(org.orgId);
        expect(organization).toMatchObject({
          IsSandbox: orgType === 'sandbox',
          OrganizationType: 'Enterprise Edition',
          InstanceName: orgType === 'sandbox' ? 'EMU1S' : 'EMU1',
          DefaultContactAccess: 'ControlledByParent',
        });
        const { consumerKey } = await createEca(conn, 'Agent_Aud', keys.certPem);
        const user = await createIntegrationUser(conn);
        await grantAgentAccess(conn, user.id, 'Agent_Aud_Access');
        await preAuthorize(conn, 'Agent_Aud', 'Agent_Aud_Access');
        const audience = (a: string) => (a === 'login' ? org.loginUrl : a === 'instance' ? org.instanceUrl : a);
        const grant = (origin: string, aud: string) =>
          tokenRequest(origin, {
            grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
            assertion: signJwt(keys.privateKeyPem, {
              iss: consumerKey,
              sub: user.username,
              aud: audience(aud),
              exp: Math.floor(Date.now() / 1000) + 300,
            }),
          });
        for (const origin of [org.loginUrl, org.instanceUrl]) {
          for (const aud of accepted) expect((await grant(origin, aud)).status, `${aud} at ${origin}`).toBe(200);
          for (const aud of refused)
            expect((await grant(origin, aud)).body, `${aud} at ${origin}`).toEqual({
              error: 'invalid_grant',
              error_description: 'Audience validation failed',
            });
        }
      } finally {
        await org.stop();
      }
    },
  );
});
