import { afterAll, beforeAll, expect, it } from 'vitest';
import type { OperationName } from '../../common';
import { completeEmulatorLogin, startEmulator, type StartedEmulator } from '../../packages/salesforce-emulator/index';
import { freePort } from '../../e2e/support/free-port';
import { dispatch } from '../transport/dispatch';
import { createTestApp } from '../../test/support/headless-app';

let emulator: StartedEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 'demo' });
});
afterAll(() => emulator.stop());

it('making another profile active makes the screens act on it; switching back restores the first session', async () => {
  const port = await freePort();
  emulator.registerSignInClient({ clientId: 'SwitchTest', redirectUris: [`http://localhost:${port}/OauthRedirect`] });
  const { app } = createTestApp();
  const call = async <T>(name: OperationName, payload: unknown = {}): Promise<T> => {
    const result = await dispatch(app.handlers, name, payload);
    if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const contoso = await call<{ id: string }>('profiles.save', {
    name: 'Contoso',
    environment: 'myDomain',
    myDomainUrl: emulator.instanceUrl,
    allowAnyHost: true,
    clientId: 'SwitchTest',
    callbackPort: port,
  });
  const uat = await call<{ id: string }>('profiles.save', {
    name: 'UAT sandbox',
    environment: 'sandbox',
    clientId: 'SwitchTest',
    callbackPort: port,
  });
  const started = await call<{ authorizeUrl: string }>('auth.signIn', { profileId: contoso.id });
  await completeEmulatorLogin(started.authorizeUrl, emulator.admin);
  expect(await app.auth.waitForSignIn()).toMatchObject({ state: 'signedIn' });
  const { id: planId } = await call<{ id: string }>('connection.plan', { kind: 'enable' });
  await call('connection.enable', { planId });
  expect((await app.connection.settled()).status).toBe('connected');

  await call('profiles.activate', { id: uat.id });
  expect(app.auth.status()).toMatchObject({ state: 'signedOut', profileId: uat.id });
  // Contoso's connection is not shown (nor offered to turn off) while UAT is the active profile.
  expect(await call('connection.state')).toMatchObject({ status: 'off', orgId: null });
  await expect(call('connection.plan', { kind: 'disable' })).rejects.toThrow(/NOT_SIGNED_IN/);

  await call('profiles.activate', { id: contoso.id });
  expect(app.auth.status()).toMatchObject({ state: 'signedIn', profileId: contoso.id });
  expect(await call('connection.state')).toMatchObject({ status: 'connected', orgId: emulator.orgId });
}, 60_000);
