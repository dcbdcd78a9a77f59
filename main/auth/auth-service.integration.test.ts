import { createServer } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { AuthStatus } from '../../common';
import { AppFailure } from '../../common/app-error-schema';
import { startEmulator, type StartedEmulator, completeEmulatorLogin } from '../../packages/salesforce-emulator/index';
import { freePort } from '../../e2e/support/free-port';
import { createLogger, type LogLine } from '../log';
import { createEventHub } from '../transport/event-hub';
import { createAuditLog } from '../store/audit-log';
import { createMemoryStoreFactory, type DocumentStoreFactory } from '../store/document-store';
import { createSettingsRepository } from '../store/settings-repository';
import { createMemoryVault, type SecretVault } from '../store/vault';
import { createAuthService, type AdminAuth, type AuthDeps } from '.';

const CLIENT_ID = 'AgentConnectionsTest';
let emulator: StartedEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ seed: 'empty' });
});
afterAll(() => emulator.stop());
beforeEach(() => emulator.reset());

interface Harness {
  auth: AdminAuth;
  port: number;
  vault: SecretVault;
  stores: DocumentStoreFactory;
  statuses: AuthStatus[];
  logLines: LogLine[];
  restart(): AdminAuth;
}

/** One app's auth service over in-memory stores, signing in through a test client on its own port. */
async function harness(options: { timeoutMs?: number } & Pick<AuthDeps, 'now' | 'stepUp'> = {}): Promise<Harness> {
  const port = await freePort();
  emulator.registerSignInClient({ clientId: CLIENT_ID, redirectUris: [`http://localhost:${port}/OauthRedirect`], pkceRequired: true });
  const stores = createMemoryStoreFactory();
  const settings = createSettingsRepository(stores);
  const profile = settings.saveProfile({
    name: 'Emulator',
    environment: 'myDomain',
    myDomainUrl: emulator.instanceUrl,
    allowAnyHost: true,
    clientId: CLIENT_ID,
    callbackPort: port,
  });
  const vault = createMemoryVault();
  profileOfVault.set(vault, profile.id);
  const statuses: AuthStatus[] = [];
  const logLines: LogLine[] = [];
  const build = () => {
    const events = createEventHub();
    events.subscribe(({ event, payload }) => event === 'auth.changed' && statuses.push(payload as AuthStatus));
    return createAuthService({
      settings,
      stores,
      vault,
      events,
      audit: createAuditLog(stores),
      log: createLogger((line) => logLines.push(line)),
      openAuthorizeUrl: null,
      signInTimeoutMs: options.timeoutMs,
      now: options.now,
      stepUp: options.stepUp,
    });
  };
  return { auth: build(), port, vault, stores, statuses, logLines, restart: build };
}

async function signIn(auth: AdminAuth, user = emulator.admin): Promise<AuthStatus> {
  const started = await auth.signIn();
  await completeEmulatorLogin(started.authorizeUrl, user);
  return auth.waitForSignIn();
}

/** Logs in on the emulator's page and allows access, following Salesforce's redirects as a browser would. */
async function refusedAfterLogin(authorizeUrl: string): Promise<Response> {
  const form = { step: 'login', username: emulator.admin.username, password: emulator.admin.password };
  const login = await fetch(authorizeUrl, { method: 'POST', body: new URLSearchParams(form), redirect: 'manual' });
  const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? '';
  return fetch(authorizeUrl, { method: 'POST', body: new URLSearchParams({ step: 'consent', consent: 'allow' }), headers: { cookie } });
}

/** Each org profile keeps its own session in the vault (session-store.ts): the harness's one profile, per vault. */
const profileOfVault = new WeakMap<SecretVault, string>();

async function storedTokens(vault: SecretVault): Promise<{ accessToken: string; refreshToken?: string }> {
  const stored = JSON.parse((await vault.get(`auth.adminSession.${profileOfVault.get(vault) ?? ''}`)) ?? '{}') as {
    tokens: { accessToken: string; refreshToken?: string };
  };
  return stored.tokens;
}

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (thrown: unknown) => (thrown instanceof AppFailure ? thrown.error : thrown),
  );

describe('admin sign-in against the Salesforce emulator', () => {
  it('signs the admin in through the browser flow and shows who and where they are', async () => {
    const { auth, statuses } = await harness();
    const started = await auth.signIn();
    expect(started.openedBy).toBe('page');
    const url = new URL(started.authorizeUrl);
    expect(url.origin).toBe(emulator.instanceUrl);
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: CLIENT_ID,
      prompt: 'login',
      scope: 'api refresh_token web',
      code_challenge_method: 'S256',
      redirect_uri: expect.stringMatching(/^http:\/\/localhost:\d+\/OauthRedirect$/),
    });
    expect(url.searchParams.get('state')).toBeTruthy();
    expect(auth.status()).toMatchObject({ state: 'signingIn', authorizeUrl: started.authorizeUrl });

    await completeEmulatorLogin(started.authorizeUrl, emulator.admin);
    const status = await auth.waitForSignIn();
    expect(status).toMatchObject({
      state: 'signedIn',
      identity: {
        orgId: emulator.orgId,
        username: emulator.admin.username,
        userId: emulator.admin.userId,
        instanceUrl: emulator.instanceUrl,
        environment: 'myDomain',
      },
      permissions: { ok: true, missing: [] },
      sessionStorage: 'memory',
    });
    if (status.state === 'signedIn') expect(status.identity.orgName).not.toBe('');
    expect(statuses.map((s) => s.state)).toEqual(['signingIn', 'signedIn']);
    const { connection } = await auth.session();
    expect((await connection.query('SELECT Id FROM Organization')).totalSize).toBe(1);
  });

  it('warns which rights a user without admin permissions lacks', async () => {
    const { auth } = await harness();
    const status = await signIn(auth, emulator.users.nonAdmin);
    expect(status).toMatchObject({ state: 'signedIn', permissions: { ok: false } });
    if (status.state !== 'signedIn') return;
    expect(status.permissions.missing).toEqual([
      'Customize Application',
      'Manage Users',
      'Assign Permission Sets',
      'Modify Metadata or Modify All Data',
      'Manage External Client Apps',
    ]);
  });

  it('reports Salesforce’s reason when the admin denies access', async () => {
    const { auth } = await harness();
    const started = await auth.signIn();
    await completeEmulatorLogin(started.authorizeUrl, emulator.admin, { consent: 'deny' });
    expect(await auth.waitForSignIn()).toMatchObject({
      state: 'signedOut',
      lastError: { code: 'SIGN_IN_FAILED', message: expect.stringContaining('end-user denied authorization') },
    });
    expect(emulator.state().tokens.active).toBe(0);
  });

  it('fails the sign-in and revokes its tokens when the org cannot be read', async () => {
    const { auth } = await harness();
    emulator.addFault({
      path: '/composite$',
      respond: { status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'down for maintenance' }] },
    });
    expect(await signIn(auth)).toMatchObject({ state: 'signedOut', lastError: { code: expect.stringMatching(/^SALESFORCE_/) } });
    expect(emulator.state().tokens.active).toBe(0);
  });

  it('stops waiting after the timeout', async () => {
    const { auth, statuses } = await harness({ timeoutMs: 100 });
    await auth.signIn();
    expect(await auth.waitForSignIn()).toMatchObject({ state: 'signedOut', lastError: { code: 'SIGN_IN_TIMEOUT', action: 'signIn' } });
    expect(statuses.map((s) => s.state)).toEqual(['signingIn', 'signedOut']);
  });

  it.each(['notInstalled', 'blocked', 'accessDenied'] as const)(
    'a client the org refuses (%s) ends on Salesforce’s error page; the app waits its stated time, then says what to look for',
    async (refusal) => {
      const { auth, port } = await harness({ timeoutMs: 300 });
      emulator.registerSignInClient({ clientId: CLIENT_ID, redirectUris: [`http://localhost:${port}/OauthRedirect`], refusal });
      const started = await auth.signIn();
      const waiting = auth.status();
      expect(waiting).toMatchObject({ state: 'signingIn', expiresAt: expect.any(String) });
      // What the browser does: follow Salesforce's answers (log in where it asks).
      const landed = refusal === 'accessDenied' ? await refusedAfterLogin(started.authorizeUrl) : await fetch(started.authorizeUrl);
      const url = new URL(landed.url);
      expect(url.pathname).toBe('/setup/secur/RemoteAccessErrorPage.apexp');
      expect(url.port).not.toBe(String(port));
      const ended = await auth.waitForSignIn();
      expect(ended).toMatchObject({ state: 'signedOut', lastError: { code: 'SIGN_IN_TIMEOUT', action: 'signIn' } });
      if (ended.state === 'signedOut') expect(ended.lastError?.message).toContain('RemoteAccessErrorPage');
    },
  );

  it('cancels a sign-in and frees its port for the next attempt', async () => {
    const { auth } = await harness();
    await auth.signIn();
    expect(auth.cancel()).toEqual({ state: 'signedOut', profileId: expect.any(String) });
    expect(await signIn(auth)).toMatchObject({ state: 'signedIn' });
  });

  it('refuses to start a second sign-in while one waits in the browser', async () => {
    const { auth } = await harness();
    await auth.signIn();
    expect(await failureOf(auth.signIn())).toMatchObject({ code: 'SIGN_IN_IN_PROGRESS' });
    auth.cancel();
  });

  it('names the callback port when another program holds it', async () => {
    const { auth, port } = await harness();
    const squatter = createServer();
    await new Promise<void>((resolve) => squatter.listen(port, '127.0.0.1', resolve));
    try {
      const error = await failureOf(auth.signIn());
      expect(error).toMatchObject({ code: 'CALLBACK_PORT_IN_USE', params: { port }, message: expect.stringContaining(String(port)) });
      expect(auth.status().state).toBe('signedOut');
    } finally {
      squatter.close();
    }
  });

  it('refreshes an expired access token by itself and keeps the new one', async () => {
    const { auth, vault } = await harness();
    await signIn(auth);
    const before = await storedTokens(vault);
    emulator.advanceClock(3 * 60 * 60 * 1000);
    const { connection } = await auth.session();
    expect((await connection.query('SELECT Id FROM Organization')).totalSize).toBe(1);
    const after = await storedTokens(vault);
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.refreshToken).toBe(before.refreshToken);
    expect(auth.status().state).toBe('signedIn');
  });

  it('turns a revoked refresh token into "sign in again"', async () => {
    const { auth, vault, statuses } = await harness();
    const signedIn = await signIn(auth);
    const { refreshToken } = await storedTokens(vault);
    const revoked = await fetch(`${emulator.loginUrl}/services/oauth2/revoke`, {
      method: 'POST',
      body: new URLSearchParams({ token: refreshToken ?? '' }),
    });
    expect(revoked.status).toBe(200);
    const { connection } = await auth.session();
    await expect(connection.query('SELECT Id FROM Organization')).rejects.toThrow();
    expect(auth.status()).toEqual({
      state: 'expired',
      profileId: expect.any(String),
      identity: signedIn.state === 'signedIn' ? signedIn.identity : undefined,
    });
    expect(statuses.at(-1)?.state).toBe('expired');
    expect(await failureOf(auth.session())).toMatchObject({ code: 'SESSION_EXPIRED', action: 'signIn' });
    expect(await failureOf(auth.verify())).toMatchObject({ code: 'SESSION_EXPIRED' });
  });

  it('signs out by revoking both tokens at Salesforce and forgetting them', async () => {
    const { auth, vault } = await harness();
    await signIn(auth);
    expect(emulator.state().tokens.active).toBe(1);
    const { refreshToken } = await storedTokens(vault);
    expect(await auth.signOut()).toMatchObject({ state: 'signedOut' });
    expect(emulator.state().tokens.active).toBe(0);
    const refresh = await fetch(`${emulator.loginUrl}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken ?? '', client_id: CLIENT_ID }),
    });
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
    expect(await vault.get('auth.adminSession')).toBeUndefined();
    expect(await failureOf(auth.session())).toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it('restores the session on the next start without signing in again', async () => {
    const first = await harness();
    const signedIn = await signIn(first.auth);
    const again = first.restart();
    await again.ready();
    // The same session, but no longer a confirmation: only a sign-in in this process is one.
    expect(again.status()).toEqual({ ...signedIn, confirmedUntil: undefined });
    expect(await again.verify()).toMatchObject({ state: 'signedIn' });
  });

  it('signs in with an access token for automation', async () => {
    const source = await harness();
    await signIn(source.auth);
    const { accessToken } = await storedTokens(source.vault);
    const target = await harness();
    const profileId = target.auth.status().profileId ?? '';
    expect(await target.auth.signInWithAccessToken({ profileId, instanceUrl: emulator.instanceUrl, accessToken })).toMatchObject({
      state: 'signedIn',
      identity: { username: emulator.admin.username },
    });
    expect(
      await failureOf(target.auth.signInWithAccessToken({ profileId, instanceUrl: emulator.instanceUrl, accessToken: 'not-a-token' })),
    ).toMatchObject({
      code: 'SIGN_IN_FAILED',
    });
  });
});

describe('a session per org profile', () => {
  it('keeps the first profile signed in when another one signs in, and signs out only the current one', async () => {
    const h = await harness();
    await signIn(h.auth);
    const first = h.auth.status().profileId ?? '';
    const second = createSettingsRepository(h.stores).saveProfile({
      name: 'Second',
      environment: 'myDomain',
      myDomainUrl: emulator.instanceUrl,
      allowAnyHost: true,
      clientId: CLIENT_ID,
      callbackPort: h.port,
    });
    const elsewhere = await harness();
    await signIn(elsewhere.auth);
    const { accessToken } = await storedTokens(elsewhere.vault);

    await h.auth.signInWithAccessToken({ profileId: second.id, instanceUrl: emulator.instanceUrl, accessToken });

    expect(h.auth.status().profileId).toBe(second.id);
    const firstSession = await h.auth.profileSession(first);
    expect((await firstSession?.connection.query('SELECT Id FROM Organization'))?.totalSize).toBe(1);
    expect((await h.auth.profileSession(second.id))?.profile.name).toBe('Second');

    await h.auth.signOut();
    expect(await h.auth.profileSession(second.id)).toBeNull();
    expect(await h.auth.profileSession(first)).not.toBeNull();
  });
});

describe("confirming the admin before the agent's key is exported", () => {
  it('a browser sign-in confirms the admin for five minutes, and only that long', async () => {
    let clock = Date.now();
    const { auth, restart } = await harness({ now: () => new Date(clock) });
    const status = await signIn(auth);
    expect(status).toMatchObject({ state: 'signedIn', confirmedUntil: new Date(clock + 5 * 60_000).toISOString() });
    expect((await auth.confirmedSession()).identity.username).toBe(emulator.admin.username);

    clock += 5 * 60_000 + 1;
    expect(await failureOf(auth.confirmedSession())).toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
      action: 'signIn',
      params: { minutes: 5 },
    });
    const restored = restart();
    await restored.ready();
    expect(await failureOf(restored.confirmedSession())).toMatchObject({ code: 'CONFIRMATION_REQUIRED' });

    expect(await signIn(auth)).toMatchObject({ state: 'signedIn', confirmedUntil: new Date(clock + 5 * 60_000).toISOString() });
    await expect(auth.confirmedSession()).resolves.toBeTruthy();
    await auth.signOut();
    expect(await failureOf(auth.confirmedSession())).toMatchObject({ code: 'NOT_SIGNED_IN' });
  });

  it('an access token obtained elsewhere confirms nobody', async () => {
    const source = await harness();
    await signIn(source.auth);
    const { accessToken } = await storedTokens(source.vault);
    const target = await harness();
    const signedIn = await target.auth.signInWithAccessToken({
      profileId: target.auth.status().profileId ?? '',
      instanceUrl: emulator.instanceUrl,
      accessToken,
    });
    expect(signedIn).not.toHaveProperty('confirmedUntil');
    expect(await failureOf(target.auth.confirmedSession())).toMatchObject({ code: 'CONFIRMATION_REQUIRED' });
  });

  it('for the CLI, a session Salesforce still accepts is the confirmation; a revoked one is refused', async () => {
    const source = await harness();
    await signIn(source.auth);
    const { accessToken } = await storedTokens(source.vault);
    const cli = await harness({ stepUp: 'liveSession' });
    await cli.auth.signInWithAccessToken({ profileId: cli.auth.status().profileId ?? '', instanceUrl: emulator.instanceUrl, accessToken });
    expect((await cli.auth.confirmedSession()).identity.username).toBe(emulator.admin.username);

    await fetch(`${emulator.loginUrl}/services/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ token: accessToken }) });
    expect(await failureOf(cli.auth.confirmedSession())).toMatchObject({ code: 'SESSION_EXPIRED', action: 'signIn' });
  });
});
