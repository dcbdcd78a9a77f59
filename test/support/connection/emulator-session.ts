import { createServer } from 'node:http';
import jsforce, { type Connection } from 'jsforce';
import { completeEmulatorLogin, type StartedEmulator } from '../../../packages/salesforce-emulator/index';
import { loginUrlOf, type OrgProfile } from '../../../common';
import type { AdminSession, AdminSessionSource } from '../../../main/auth/session-source';
import { API_VERSION } from '../../../main/salesforce/client';

/**
 * A signed-in admin for tests: drives the emulator's real login form and consent page, receives the
 * code on a loopback callback, exchanges it, and returns an AdminAuth whose session() is that org.
 */
export async function emulatorAdminAuth(
  emulator: StartedEmulator,
  profile: { jwtAudience?: string } = {},
  /** Another user of the org (a Standard User, a second admin) signs in instead of the emulator's admin. */
  user: { username: string; password: string; userId: string } = emulator.admin,
): Promise<AdminSessionSource & { signedIn(): void }> {
  const code = await new Promise<{ code: string; redirectUri: string }>((resolve, reject) => {
    const server = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      res.end('ok');
      server.close();
      const value = url.searchParams.get('code');
      if (value) resolve({ code: value, redirectUri });
      else reject(new Error('no code on the callback'));
    });
    let redirectUri = '';
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      redirectUri = `http://localhost:${port}/callback`;
      const clientId = `tests-${port}`;
      emulator.registerSignInClient({ clientId, redirectUris: [redirectUri] });
      // A real My Domain profile signs in at the My Domain origin; the emulator serves OAuth there too.
      const authorize = `${emulator.instanceUrl}/services/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state: 'test' }).toString()}`;
      completeEmulatorLogin(authorize, user).catch(reject);
    });
  });
  const clientId = `tests-${new URL(code.redirectUri).port}`;
  const oauth2 = new jsforce.OAuth2({ loginUrl: emulator.instanceUrl, clientId, redirectUri: code.redirectUri });
  const connection = new jsforce.Connection({ oauth2, version: API_VERSION });
  await connection.authorize(code.code);
  return sessionSource({ ...describeOrg(emulator), adminId: user.userId, adminUsername: user.username, ...profile }, connection);
}

/** What a process needs to act as the emulator's admin (e.g. a child process given a token). */
export interface EmulatorOrg {
  loginUrl: string;
  instanceUrl: string;
  orgId: string;
  adminId: string;
  adminUsername: string;
  /** The org profile's own JWT audience, when a test sets one. */
  jwtAudience?: string;
}

export function describeOrg(emulator: StartedEmulator): EmulatorOrg {
  return {
    loginUrl: emulator.loginUrl,
    instanceUrl: emulator.instanceUrl,
    orgId: emulator.orgId,
    adminId: emulator.admin.userId,
    adminUsername: emulator.admin.username,
  };
}

export function tokenSession(org: EmulatorOrg, accessToken: string): AdminSessionSource & { signedIn(): void } {
  return sessionSource(org, new jsforce.Connection({ instanceUrl: org.instanceUrl, accessToken, version: API_VERSION }));
}

function sessionSource(org: EmulatorOrg, connection: Connection): AdminSessionSource & { signedIn(): void } {
  const profile: OrgProfile = {
    id: 'emulator',
    name: 'Emulator',
    environment: 'myDomain',
    myDomainUrl: org.instanceUrl,
    allowAnyHost: true,
    clientId: 'tests',
    callbackPort: 1717,
    ...(org.jwtAudience ? { jwtAudience: org.jwtAudience } : {}),
  };
  const session: AdminSession = {
    profile,
    loginUrl: loginUrlOf(profile),
    connection,
    identity: {
      orgId: org.orgId,
      orgName: 'Contoso (demo)',
      userId: org.adminId,
      userName: 'Dana Admin',
      username: org.adminUsername,
      instanceUrl: org.instanceUrl,
      environment: 'myDomain',
    },
  };
  const listeners = new Set<(s: AdminSession) => void>();
  return {
    session: () => Promise.resolve(session),
    // The admin has just signed in through the emulator's login form: as confirmed as can be.
    confirmedSession: () => Promise.resolve(session),
    status: () => ({
      state: 'signedIn',
      profileId: profile.id,
      identity: session.identity,
      permissions: { ok: true, missing: [] },
      sessionStorage: 'memory',
    }),
    onSignedIn(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signedIn: () => listeners.forEach((l) => l(session)),
  };
}
