import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { completeEmulatorLogin, startEmulator, type StartedEmulator } from '../../../packages/salesforce-emulator/index';
import { freePort } from '../../../e2e/support/free-port';
import { cliRunner, type CliRun } from '../../../test/support/cli-run';
import { TEST_VAULT_PASSPHRASE } from '../../../test/support/cli-vault';
import { runCli } from '../run';
import { commands } from '../commands';

let emulator: StartedEmulator;
let dir = '';
const cli = cliRunner(commands);
interface SignInAppShown {
  clientId: string;
  callbackPort: number;
  signInApp: { consumerKey: string };
}
const second = { username: 'alex.admin@contoso-demo.example', password: 'Cloned-Admin-2026!' };

beforeEach(async () => {
  emulator = await startEmulator({ seed: 'empty' });
  emulator.addClonedAdmin(second);
  dir = mkdtempSync(join(tmpdir(), 'agent-connections-cli-'));
  process.env.AGENT_CONNECTIONS_DATA_DIR = join(dir, 'data');
});
afterEach(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
  delete process.env.AGENT_CONNECTIONS_DATA_DIR;
});

/** `login --no-browser`, with the emulator's login form filled in as `who` once the CLI prints the address. */
async function browserLogin(args: string[], who: { username: string; password: string }): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  let browser: Promise<void> | undefined;
  const io = {
    out: (line: string) => {
      out.push(line);
      if (/^http:\/\/.*\/services\/oauth2\/authorize\?/.test(line)) browser = completeEmulatorLogin(line, who);
    },
    err: (line: string) => err.push(line),
    env: { AGENT_CONNECTIONS_VAULT_PASSPHRASE: TEST_VAULT_PASSPHRASE, ...process.env },
    interrupted: () => new Promise<void>(() => undefined),
  };
  const code = await runCli(['--org-profile', 'Emu', 'login', '--no-browser', ...args], io, commands);
  await browser;
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the sign-in app through the CLI', () => {
  it('a cloned admin blocked on the default client signs in with the app an admin made, and Enable connects', async () => {
    const defaultPort = await freePort();
    emulator.registerSignInClient({ clientId: 'PlatformCLI', redirectUris: [`http://localhost:${defaultPort}/OauthRedirect`] });
    const profileArgs = ['--login-url', emulator.instanceUrl, '--allow-any-host', '--port', String(defaultPort)];

    // The default client is not installed: the cloned profile lacks "Approve Uninstalled Connected Apps".
    const blocked = await browserLogin(profileArgs, second);
    expect(blocked.code).toBe(1);
    expect(blocked.err).toMatch(/blocked by admin/);
    expect(blocked.err).toMatch(/sign-in-app create/);

    expect((await browserLogin(profileArgs, emulator.admin)).code).toBe(0);
    const appPort = await freePort();
    const dry = await cli(['sign-in-app', 'create', '--port', String(appPort), '--assign', second.username, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/Create the permission set "Agent Connections admins" \(Agent_Connections_admins\)/);
    expect(dry.out).toMatch(
      new RegExp(`callback http://localhost:${appPort}/OauthRedirect, scopes api refresh_token web; no consumer secret`),
    );
    expect(dry.out).toContain(second.username);
    expect(emulator.state().externalClientApps).toHaveLength(0);

    const created = await cli(['sign-in-app', 'create', '--port', String(appPort), '--assign', second.username, '--yes']);
    expect(created.code).toBe(0);
    const shown = (JSON.parse((await cli(['sign-in-app', 'show', '--json'])).out) as { result: SignInAppShown }).result;
    expect(shown.callbackPort).toBe(appPort);
    expect(shown.clientId).toBe(shown.signInApp.consumerKey);
    expect(shown.clientId).not.toBe('PlatformCLI');

    const signedIn = await browserLogin([], second);
    expect(signedIn.err).not.toMatch(/refused|blocked/);
    expect(signedIn.code).toBe(0);
    expect((await cli(['whoami', '--json'])).out).toContain(second.username);

    const enabled = await cli(['enable', '--yes', '--json']);
    expect(enabled.code).toBe(0);
    expect(JSON.parse(enabled.out)).toMatchObject({ status: 0, result: { status: 'connected' } });

    // Turn off leaves the sign-in app; its own reviewed removal takes it away.
    expect((await cli(['disable', '--yes'])).code).toBe(0);
    expect(emulator.state().externalClientApps.map((a) => a.fullName)).toEqual(['Agent_Connections_Sign_In']);
    expect(emulator.state().permissionSets.map((p) => p.Name)).toContain('Agent_Connections_admins');
    expect((await cli(['sign-in-app', 'show'])).out).toMatch(/signs in with the org's sign-in app Agent_Connections_Sign_In/);
    const removed = await cli(['sign-in-app', 'remove', '--yes']);
    expect(removed.err).toBe('');
    expect(removed.out).toMatch(/signs in with PlatformCLI again/);
    expect(emulator.state().externalClientApps).toHaveLength(0);
  });
});
