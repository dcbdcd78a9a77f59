import { afterAll, beforeAll, expect, it } from 'vitest';
import { operationNames, type OperationName } from '../../common';
import { startEmulator, type StartedEmulator, completeEmulatorLogin } from '../../packages/salesforce-emulator/index';
import { freePort } from '../../e2e/support/free-port';
import { dispatch } from '../transport/dispatch';
import { createTestApp } from '../../test/support/headless-app';

let emulator: StartedEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 'empty' });
});
afterAll(() => emulator.stop());

/** Operations that change the org are left to their own tests; everything else is called. */
const changesTheOrg = new Set<OperationName>([
  'connection.enable',
  'connection.disable',
  'connection.reconnect',
  'connection.recreate',
  'connection.updateAccess',
  'connection.resume',
  'connection.rollback',
  'agent.accessProfile.update',
  'profiles.remove',
]);

it('no contract response, event or log line carries an access or refresh token', async () => {
  const port = await freePort();
  emulator.registerSignInClient({ clientId: 'SecretsTest', redirectUris: [`http://localhost:${port}/OauthRedirect`] });
  const { app, emitted, logLines } = createTestApp();
  const responses: unknown[] = [];
  const call = async (name: OperationName, payload: unknown = {}) => {
    const result = await dispatch(app.handlers, name, payload);
    responses.push(result);
    return result;
  };
  await call('profiles.save', {
    name: 'Emulator',
    environment: 'myDomain',
    myDomainUrl: emulator.instanceUrl,
    allowAnyHost: true,
    clientId: 'SecretsTest',
    callbackPort: port,
  });
  const started = await call('auth.signIn');
  if (!started.ok) throw new Error(started.error.message);
  await completeEmulatorLogin((started.value as { authorizeUrl: string }).authorizeUrl, emulator.admin);
  expect(await app.auth.waitForSignIn()).toMatchObject({ state: 'signedIn' });

  const { connection } = await app.auth.session();
  const secrets = [connection.accessToken, connection.refreshToken];
  emulator.advanceClock(3 * 60 * 60 * 1000); // the next call refreshes the access token
  await connection.query('SELECT Id FROM Organization');
  secrets.push(connection.accessToken);
  expect(new Set(secrets).size).toBe(3);

  for (const name of operationNames) if (!changesTheOrg.has(name) && name !== 'auth.signIn') await call(name);
  await call('auth.signOut');

  const everything = JSON.stringify({ responses, emitted, logLines });
  expect(logLines.length + emitted.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    expect(secret && secret.length > 8).toBe(true);
    expect(everything.includes(secret ?? '')).toBe(false);
  }
});
