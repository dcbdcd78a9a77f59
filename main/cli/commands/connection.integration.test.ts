import { createPrivateKey } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type StartedEmulator } from '../../../packages/salesforce-emulator/index';
import { authCommands } from '../auth-commands';
import { cliRunner, loginCli } from '../../../test/support/cli-run';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { createAuditLog } from '../../store/audit-log';
import { createConfStoreFactory } from '../../store/conf-store';
import { createSettingsRepository } from '../../store/settings-repository';
import { testCliVault } from '../../../test/support/cli-vault';
import { connectionCommands } from './connection';
import { enableCommands } from './enable';
import { jsonResult } from '../../../test/support/cli-json';

let emulator: StartedEmulator;
let dir = '';
const commands = [...authCommands, ...enableCommands, ...connectionCommands];

beforeEach(async () => {
  emulator = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'agent-connections-cli-'));
  process.env.AGENT_CONNECTIONS_DATA_DIR = join(dir, 'data');
});
let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
  delete process.env.AGENT_CONNECTIONS_DATA_DIR;
});

const cli = cliRunner(commands);

describe('the connection through the CLI', () => {
  it('enable -> status -> export (3 formats, no secrets) -> export-credentials -> disable', async () => {
    expect((await loginCli(cli, emulator)).code).toBe(0);

    const dry = await cli(['enable', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/Turn on would, in org /);
    expect(dry.out).toMatch(/Create the External Client App: Sales Agent external client app \(Sales_Agent_ECA\)/);
    expect(dry.out).toMatch(/Uses one Salesforce Integration user licence/);
    expect(dry.out).toMatch(
      /OAuth: JWT bearer, scopes api; pre-authorised users: holders of Sales_Agent_Permission_Set; IP restrictions: enforced/,
    );
    const dryJson = jsonResult((await cli(['enable', '--dry-run', '--json'])).out) as {
      plan: { kind: string; oauth: { scopes: string[] } };
    };
    expect(dryJson.plan).toMatchObject({ kind: 'enable', oauth: { scopes: ['api'] } });

    // Not on a terminal and no --yes: the plan is printed, nothing is written, exit 2.
    const unconfirmed = await cli(['enable', '--json']);
    expect(unconfirmed.code).toBe(2);
    expect(JSON.parse(unconfirmed.out)).toMatchObject({
      status: 2,
      name: 'USAGE_ERROR',
      message: expect.stringMatching(/Run again with --yes/) as string,
    });
    expect(emulator.state().externalClientApps).toHaveLength(0);

    const enabled = await cli(['enable', '--yes', '--json']);
    expect(enabled.err).toBe('');
    expect(jsonResult(enabled.out).status).toBe('connected');

    const status = await cli(['status', '--json']);
    expect(jsonResult(status.out).status).toBe('connected');

    for (const format of ['json', 'csv', 'md']) {
      const file = join(dir, `details.${format}`);
      expect((await cli(['export', '--format', format, '--out', file])).code).toBe(0);
      const content = readFileSync(file, 'utf8');
      expect(content).toContain('Sales_Agent_Permission_Set');
      expect(content).not.toMatch(/PRIVATE KEY/);
    }

    const credentials = join(dir, 'agent.json');
    const passphrase = 'correct horse battery staple';
    expect((await cli(['export-credentials', '--out', credentials], { AGENT_CREDENTIALS_PASSPHRASE: passphrase })).code).toBe(0);
    const exported = JSON.parse(readFileSync(credentials, 'utf8')) as { privateKey: string; consumerKey: string; username: string };
    expect(exported.privateKey).toMatch(/BEGIN ENCRYPTED PRIVATE KEY/);
    expect(() => createPrivateKey({ key: exported.privateKey, passphrase: 'wrong passphrase!!' })).toThrow();
    expect(createPrivateKey({ key: exported.privateKey, passphrase }).asymmetricKeyType).toBe('rsa');

    expect((await cli(['disable'])).code).toBe(2);
    const disabled = await cli(['disable', '--yes', '--json']);
    expect(jsonResult(disabled.out).status).toBe('off');
    expect(emulator.state().externalClientApps).toHaveLength(0);
    expect(emulator.state().users.find((u) => u.Username === exported.username)?.IsActive).toBe(false);
  });

  it('a connection left waiting for Salesforce: status shows the wait, a bad timeout is refused, rollback removes it', async () => {
    // The wait itself runs in-process over the CLI's data directory, on the emulator's clock.
    const stores = createConfStoreFactory(join(dir, 'data'));
    harness = await startHarness({ activationDelayMs: 8 * 60_000 }, { stores, vault: testCliVault(stores) });
    const h = harness;
    createSettingsRepository(stores).update({ activationTimeoutMinutes: 5 });
    expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('waiting');
    expect((await loginCli(cli, h.emulator, { token: (await h.session()).connection.accessToken ?? '' })).code).toBe(0);

    const status = await cli(['status']);
    expect(status.code).toBe(1);
    expect(status.out).toMatch(/Status: waiting/);
    expect(status.out).toMatch(/Waiting for Salesforce since .*`resume` keeps waiting, `rollback` removes what was created/);
    expect(h.emulator.state().externalClientApps).toHaveLength(1);

    expect((await cli(['resume', '--activation-timeout-minutes', '3'])).code).toBe(2);

    expect((await cli(['rollback'])).code).toBe(2);
    expect(h.emulator.state().externalClientApps).toHaveLength(1);
    const rolledBack = await cli(['rollback', '--yes', '--json']);
    expect(jsonResult(rolledBack.out).status).toBe('off');
    expect(h.emulator.state().externalClientApps).toHaveLength(0);
  });
});

describe('export-credentials through the CLI', () => {
  it('is refused when Salesforce no longer accepts the admin session, and writes nothing', async () => {
    const stores = createConfStoreFactory(join(dir, 'data'));
    harness = await startHarness({}, { stores, vault: testCliVault(stores) });
    const h = harness;
    expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');
    const { code, token } = await loginCli(cli, h.emulator);
    expect(code).toBe(0);
    const credentials = join(dir, 'agent.json');
    const env = { AGENT_CREDENTIALS_PASSPHRASE: 'correct horse battery staple' };
    expect((await cli(['export-credentials', '--out', credentials], env)).code).toBe(0);
    rmSync(credentials);

    await fetch(`${h.emulator.loginUrl}/services/oauth2/revoke`, { method: 'POST', body: new URLSearchParams({ token }) });
    const refused = await cli(['export-credentials', '--out', credentials], env);
    expect(refused.code).not.toBe(0);
    expect(refused.err).toMatch(/session has ended|Sign in again/i);
    expect(existsSync(credentials)).toBe(false);
    expect(
      createAuditLog(stores)
        .list({ operation: 'connection.exportCredentials' })
        .map((e) => [e.result, e.actor]),
    ).toEqual(
      expect.arrayContaining([
        ['success', h.emulator.admin.username],
        ['failure', h.emulator.admin.username],
      ]),
    );
  });
});
