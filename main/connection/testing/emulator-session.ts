import { createServer } from 'node:http';
import jsforce from 'jsforce';
import { completeEmulatorLogin } from '../../../e2e/support/complete-emulator-login';
import type { StartedEmulator } from '../../../e2e/salesforce-emulator';
import type { OrgProfile } from '../../../common';
import type { AdminAuth, AdminSession } from '../../auth';
import { API_VERSION } from '../../salesforce/client';

/**
 * A signed-in admin for tests: drives the emulator's real login form and consent page, receives the
 * code on a loopback callback, exchanges it, and returns an AdminAuth whose session() is that org.
 */
export async function emulatorAdminAuth(emulator: StartedEmulator): Promise<AdminAuth & { signedIn(): void }> {
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
      const authorize = `${emulator.loginUrl}/services/oauth2/authorize?${new URLSearchParams({ response_type: 'code', client_id: clientId, redirect_uri: redirectUri, state: 'test' })}`;
      completeEmulatorLogin(authorize, emulator.admin).catch(reject);
    });
  });
  const clientId = `tests-${new URL(code.redirectUri).port}`;
  const oauth2 = new jsforce.OAuth2({ loginUrl: emulator.loginUrl, clientId, redirectUri: code.redirectUri });
  const connection = new jsforce.Connection({ oauth2, version: API_VERSION });
  await connection.authorize(code.code);
  const profile: OrgProfile = { id: 'emulator', name: 'Emulator', environment: 'myDomain', myDomainUrl: emulator.loginUrl, clientId, callbackPort: 1717 };
  const session: AdminSession = {
    profile,
    loginUrl: emulator.loginUrl,
    connection,
    identity: {
      orgId: emulator.orgId,
      orgName: 'Contoso (demo)',
      userId: emulator.admin.userId,
      userName: 'Dana Admin',
      username: emulator.admin.username,
      instanceUrl: emulator.instanceUrl,
      environment: 'myDomain',
    },
  };
  const listeners = new Set<(s: AdminSession) => void>();
  return {
    status: () => ({ state: 'signedOut', profileId: null }),
    signIn: () => Promise.reject(new Error('not in tests')),
    cancel: () => ({ state: 'signedOut', profileId: null }),
    signOut: () => Promise.resolve({ state: 'signedOut', profileId: null }),
    session: () => Promise.resolve(session),
    onSignedIn(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    signedIn: () => listeners.forEach((l) => l(session)),
  };
}
