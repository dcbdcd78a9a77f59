import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type StartedEmulator, completeEmulatorLogin } from '../../packages/salesforce-emulator/index';
import { freePort } from '../../e2e/support/free-port';
import { browserLoginArgs, runCli as cli, tempDataDir as dataDir } from '../../e2e/support/run-cli';
import { looseEntries } from '../../test/support/electron/file-modes';
import { jsonResult } from '../../test/support/cli-json';
import { testCliVault } from '../../test/support/cli-vault';
import { createConfStoreFactory } from '../store/conf-store';

let emulator: StartedEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ seed: 'empty' });
});
afterAll(() => emulator.stop());

describe('CLI sign-in', () => {
  it('logs in without opening a browser, shows who is signed in, and logs out', { timeout: 60_000 }, async () => {
    const port = await freePort();
    emulator.registerSignInClient({ clientId: 'CliTest', redirectUris: [`http://localhost:${port}/OauthRedirect`] });
    // A folder the CLI creates itself, as on an admin's first run.
    const env = { AGENT_CONNECTIONS_DATA_DIR: join(dataDir(), 'Agent Connections') };

    const login = cli(
      ['login', '--no-browser', '--login-url', emulator.instanceUrl, '--allow-any-host', '--client-id', 'CliTest', '--port', String(port)],
      env,
    );
    const authorizeUrl = await login.line(/^http:\/\/.*\/services\/oauth2\/authorize\?/);
    await completeEmulatorLogin(authorizeUrl, emulator.admin);
    expect(await login.code).toBe(0);
    expect(login.stdout).toContain(`as ${emulator.admin.username}`);
    expect(login.stderr).toMatch(/no OS key store.*encrypted with a key derived \(scrypt\) from your vault passphrase.*only you can read/);
    const vaultFile = readdirSync(env.AGENT_CONNECTIONS_DATA_DIR).find((f) => f.startsWith('cli-vault'));
    expect(statSync(join(env.AGENT_CONNECTIONS_DATA_DIR, vaultFile ?? '')).mode & 0o777).toBe(0o600);
    expect(looseEntries(env.AGENT_CONNECTIONS_DATA_DIR)).toEqual([]);

    const whoami = cli(['whoami', '--json'], env);
    expect(await whoami.code).toBe(0);
    expect(jsonResult(whoami.stdout)).toMatchObject({
      state: 'signedIn',
      profileName: new URL(emulator.instanceUrl).hostname,
      identity: { username: emulator.admin.username, orgId: emulator.orgId, instanceUrl: emulator.instanceUrl },
      sessionStorage: 'encrypted',
    });

    const logout = cli(['logout'], env);
    expect(await logout.code).toBe(0);
    expect(emulator.state().tokens.active).toBe(0);
    const after = cli(['whoami'], env);
    expect(await after.code).toBe(1);
    expect(after.stderr).toContain('Not signed in');
  });

  it('logs in with an access token from SF_ACCESS_TOKEN for automation', { timeout: 60_000 }, async () => {
    const port = await freePort();
    emulator.registerSignInClient({ clientId: 'CliTokenSource', redirectUris: [`http://localhost:${port}/OauthRedirect`] });
    const source = { AGENT_CONNECTIONS_DATA_DIR: dataDir() };
    const login = cli(browserLoginArgs(emulator.instanceUrl, 'CliTokenSource', port), source);
    await completeEmulatorLogin(await login.line(/^http:\/\/.*authorize\?/), emulator.admin);
    expect(await login.code).toBe(0);
    // The token the browser sign-in left in the (encrypted) vault, opened as the CLI opens it.
    const stores = createConfStoreFactory(source.AGENT_CONNECTIONS_DATA_DIR);
    const profileId = (
      JSON.parse(readFileSync(join(source.AGENT_CONNECTIONS_DATA_DIR, 'settings.json'), 'utf8')) as {
        document: { activeProfileId: string };
      }
    ).document.activeProfileId;
    const stored = (await testCliVault(stores).get(`auth.adminSession.${profileId}`)) ?? '{}';
    const accessToken = (JSON.parse(stored) as { tokens?: { accessToken?: string } }).tokens?.accessToken ?? '';
    expect(accessToken).not.toBe('');

    const automation = { AGENT_CONNECTIONS_DATA_DIR: dataDir() };
    const tokenLogin = cli(['login', '--instance-url', emulator.instanceUrl, '--allow-any-host'], {
      ...automation,
      SF_ACCESS_TOKEN: accessToken,
    });
    expect(await tokenLogin.code).toBe(0);
    expect(tokenLogin.stdout + tokenLogin.stderr).not.toContain(accessToken);
    const whoami = cli(['whoami', '--json'], automation);
    expect(await whoami.code).toBe(0);
    expect(jsonResult(whoami.stdout)).toMatchObject({ state: 'signedIn', identity: { username: emulator.admin.username } });
  });

  it('treats a missing SF_ACCESS_TOKEN as a usage error', { timeout: 30_000 }, async () => {
    const run = cli(['login', '--instance-url', emulator.instanceUrl], { AGENT_CONNECTIONS_DATA_DIR: dataDir() });
    expect(await run.code).toBe(2);
    expect(run.stderr).toContain('SF_ACCESS_TOKEN');
  });
});
