import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { OrgProfile } from '../../common';
import { AppFailure } from '../../common/app-error-schema';
import { completeEmulatorLogin, startEmulator, type StartedEmulator } from '../../packages/salesforce-emulator/index';
import { freePort } from '../../e2e/support/free-port';
import { createLogger } from '../log';
import { createEventHub } from '../transport/event-hub';
import { createAuditLog } from '../store/audit-log';
import { createMemoryStoreFactory } from '../store/document-store';
import { createSettingsRepository, type SettingsRepository } from '../store/settings-repository';
import { createMemoryVault } from '../store/vault';
import { createAuthService } from '.';

const CLIENT_ID = 'AgentConnectionsBinding';
let emulator: StartedEmulator;
let recorder: { server: Server; url: string; received: string[] };

beforeAll(async () => {
  emulator = await startEmulator({ seed: 'empty', accessTokenTtlS: 60 });
  // A second loopback "org" that records every request it gets, as an attacker's server would.
  const received: string[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(`${req.method ?? ''} ${req.url ?? ''} ${req.headers.authorization ?? ''} ${body}`);
      res.writeHead(400, { 'content-type': 'application/json' }).end('{"error":"invalid_grant"}');
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  recorder = { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, received };
});
afterAll(async () => {
  await emulator.stop();
  await new Promise((done) => recorder.server.close(done));
});
afterEach(() => {
  recorder.received.length = 0;
});

/** An app signed in through the browser flow (so it holds a refresh token), and what a restart of it sees. */
async function signedIn() {
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
  const build = () =>
    createAuthService({
      settings,
      stores,
      vault,
      events: createEventHub(),
      audit: createAuditLog(stores),
      log: createLogger(() => undefined),
      openAuthorizeUrl: null,
    });
  const auth = build();
  const started = await auth.signIn();
  await completeEmulatorLogin(started.authorizeUrl, emulator.admin);
  expect((await auth.waitForSignIn()).state).toBe('signedIn');
  const raw = await vault.get(`auth.adminSession.${profile.id}`);
  const refreshToken = (JSON.parse(raw ?? '{}') as { tokens?: { refreshToken?: string } }).tokens?.refreshToken ?? '';
  expect(refreshToken).not.toBe('');
  return { auth, settings, profile, refreshToken, restart: build };
}

/** The access token has expired, so the next API call makes the connection refresh. */
const expireAccessToken = () => emulator.advanceClock(120_000);
const pointElsewhere = (settings: SettingsRepository, profile: OrgProfile, change: Partial<OrgProfile>) =>
  settings.saveProfile({ ...profile, ...change });
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (thrown: unknown) => (thrown instanceof AppFailure ? thrown.error : thrown),
  );

describe('a stored session goes only where it was issued', () => {
  it('a profile edited to another host never sends it the refresh token: not on restart, not from the live connection', async () => {
    const { auth, settings, profile, refreshToken, restart } = await signedIn();
    const live = await auth.session();
    pointElsewhere(settings, profile, { myDomainUrl: recorder.url });
    expireAccessToken();

    // The connection made before the edit refreshes only after asking the profile again.
    await expect(live.connection.query('SELECT Id FROM Organization')).rejects.toThrow();
    // A new process (the next CLI command) reads the edited profile and the stored session.
    expect(await failureOf(restart().verify())).toMatchObject({ code: expect.stringMatching(/SESSION_EXPIRED|NOT_SIGNED_IN/) as string });

    expect(recorder.received.join('\n')).not.toContain(refreshToken);
    expect(recorder.received).toEqual([]);
  });

  it('a session is forgotten and revoked at its own org when the profile changes its client', async () => {
    const first = await signedIn();
    pointElsewhere(first.settings, first.profile, { clientId: 'SomeOtherClient' });
    expireAccessToken();
    const again = first.restart();
    expect(await failureOf(again.verify())).toMatchObject({
      code: 'SESSION_EXPIRED',
      message: expect.stringMatching(/changed since you signed in/) as string,
    });
    expect(again.status().state).toBe('signedOut');
    // Revoked where it was issued: the emulator no longer takes the refresh token.
    const refused = await fetch(`${emulator.instanceUrl}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: first.refreshToken, client_id: CLIENT_ID }),
    });
    expect(refused.status).toBe(400);

    // The scheduled checks open each profile's own session the same way.
    const second = await signedIn();
    pointElsewhere(second.settings, second.profile, { clientId: 'SomeOtherClient' });
    expect(await second.restart().profileSession(second.profile.id)).toBeNull();
  });

  it('saving a profile with another address asks first, then revokes and forgets its session; a new name keeps it', async () => {
    const { auth, settings, profile, refreshToken } = await signedIn();
    const save = (change: Partial<OrgProfile> & { endSession?: boolean }) =>
      auth.saveProfile({ ...profile, ...change }, (input) => settings.saveProfile(input));

    await save({ name: 'Emulator (renamed)' });
    expect(auth.status().state).toBe('signedIn');

    expect(await failureOf(save({ clientId: 'SomeOtherClient' }))).toMatchObject({
      code: 'SESSION_ENDS_ON_SAVE',
      message: expect.stringMatching(/session will be revoked and forgotten/) as string,
    });
    expect(settings.profile(profile.id)?.clientId).toBe(CLIENT_ID);
    expect(auth.status().state).toBe('signedIn');

    const saved = await save({ clientId: 'SomeOtherClient', endSession: true });
    expect(saved).not.toHaveProperty('endSession');
    expect(settings.profile(profile.id)?.clientId).toBe('SomeOtherClient');
    expect(auth.status().state).toBe('signedOut');
    const refused = await fetch(`${emulator.instanceUrl}/services/oauth2/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: refreshToken, client_id: CLIENT_ID }),
    });
    expect(refused.status).toBe(400);
  });
});
