import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completeEmulatorLogin, startEmulator, type StartedEmulator } from '../../packages/salesforce-emulator/index';
import { freePort } from '../../e2e/support/free-port';
import { TEST_VAULT_PASSPHRASE, testCliVault } from '../../test/support/cli-vault';
import { createConfStoreFactory } from '../store/conf-store';
import { CLI_VAULT_DOCUMENT } from '../store/passphrase-vault';
import { authCommands } from './auth-commands';
import type { CliIo } from './cli-io';
import { connectionCommands } from './commands/connection';
import { enableCommands } from './commands/enable';
import { runCli } from './run';

const commands = [...authCommands, ...enableCommands, ...connectionCommands];
let emulator: StartedEmulator;
let dir = '';
beforeAll(async () => {
  emulator = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'agent-connections-at-rest-'));
  // The CLI reads its data directory from the process environment.
  process.env.AGENT_CONNECTIONS_DATA_DIR = join(dir, 'data');
});
afterAll(async () => {
  await emulator.stop();
  delete process.env.AGENT_CONNECTIONS_DATA_DIR;
  rmSync(dir, { recursive: true, force: true });
});

const dataDir = () => join(dir, 'data');
const env = () => ({ ...process.env, AGENT_CONNECTIONS_VAULT_PASSPHRASE: TEST_VAULT_PASSPHRASE });

/** Runs one CLI command in this process; `onLine` sees each line as it is printed (the sign-in link). */
async function cli(args: string[], onLine: (line: string) => void = () => undefined, extraEnv: Record<string, string> = {}) {
  const lines: string[] = [];
  const io: CliIo = {
    out: (l) => (lines.push(l), onLine(l)),
    err: (l) => (lines.push(l), onLine(l)),
    env: { ...env(), ...extraEnv },
    interrupted: () => new Promise(() => undefined),
  };
  return { code: await runCli(args, io, [...commands]), output: lines.join('\n') };
}

function everyFile(root: string): string[] {
  return readdirSync(root).flatMap((name) => {
    const path = join(root, name);
    return statSync(path).isDirectory() ? everyFile(path) : [path];
  });
}

describe('what the CLI writes to disk', () => {
  it(
    'holds no private key or token in clear: the session and the agent key are sealed with the vault passphrase',
    { timeout: 60_000 },
    async () => {
      const port = await freePort();
      emulator.registerSignInClient({ clientId: 'CliAtRest', redirectUris: [`http://localhost:${port}/OauthRedirect`] });
      let signInLink: (url: string) => void = () => undefined;
      const link = new Promise<string>((found) => (signInLink = found));
      const login = cli(
        [
          'login',
          '--no-browser',
          '--login-url',
          emulator.instanceUrl,
          '--allow-any-host',
          '--client-id',
          'CliAtRest',
          '--port',
          String(port),
        ],
        (line) => /^http:\/\/.*\/services\/oauth2\/authorize\?/.test(line.trim()) && signInLink(line.trim()),
      );
      await completeEmulatorLogin(await link, emulator.admin);
      const signedIn = await login;
      expect(signedIn.code).toBe(0);
      // Said plainly: no OS key store here, a key derived from the passphrase instead.
      expect(signedIn.output).toMatch(/no OS key store is available to the command line.*encrypted with a key derived \(scrypt\)/);
      expect((await cli(['enable', '--yes'])).code).toBe(0);
      expect(
        (
          await cli(['export-credentials', '--out', join(dir, 'agent.json')], undefined, {
            AGENT_CREDENTIALS_PASSPHRASE: 'correct horse battery staple',
          })
        ).code,
      ).toBe(0);
      expect((await cli(['status'])).code).toBe(0);

      // What the vault holds, opened the way the CLI opens it: the refresh token, access token and the agent's key.
      const stores = createConfStoreFactory(dataDir());
      const vault = testCliVault(stores);
      const names = Object.keys(
        stores(CLI_VAULT_DOCUMENT, { defaults: { entries: {} }, parse: (raw) => raw as { entries: Record<string, string> } }).read()
          .entries,
      );
      const opened = await Promise.all(names.map((name) => vault.get(name)));
      const secrets = opened.flatMap((value) => {
        if (!value) return [];
        if (value.startsWith('-----BEGIN')) return [value.split('\n').slice(1, 3).join('\n')];
        const session = JSON.parse(value) as { tokens?: { accessToken?: string; refreshToken?: string } };
        return [session.tokens?.accessToken, session.tokens?.refreshToken].filter((t): t is string => typeof t === 'string');
      });
      expect(secrets.length).toBeGreaterThanOrEqual(3);
      expect(opened.some((value) => value?.includes('PRIVATE KEY'))).toBe(true);

      const files = everyFile(dir);
      expect(files.some((f) => f.endsWith(`${CLI_VAULT_DOCUMENT}.json`))).toBe(true);
      // The CLI never writes the desktop app's vault file.
      expect(files.some((f) => f.endsWith(`${join('data', 'vault.json')}`))).toBe(false);
      for (const file of files) {
        const content = readFileSync(file, 'utf8');
        expect(content, file).not.toMatch(/-----BEGIN (RSA )?PRIVATE KEY-----/);
        for (const secret of secrets) expect(content.includes(secret), `${file} holds a secret in clear`).toBe(false);
      }
    },
  );

  it('refuses to start without the vault passphrase, saying how to give it', async () => {
    const result = await cli(['status'], undefined, { AGENT_CONNECTIONS_VAULT_PASSPHRASE: 'a wrong passphrase!' });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/That passphrase does not open the command line's vault/);
  });
});
