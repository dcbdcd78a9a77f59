import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cliRunner, loginCli } from '../../../test/support/cli-run';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { API_VERSION } from '../../salesforce/client';
import { createConfStoreFactory } from '../../store/conf-store';
import { testCliVault } from '../../../test/support/cli-vault';
import { authCommands } from '../auth-commands';
import { agentTokenCommands } from './agent-token';
import { connectionCommands } from './connection';
import { enableCommands } from './enable';

let dir = '';
let harness: Harness | undefined;
const commands = [...authCommands, ...enableCommands, ...connectionCommands, ...agentTokenCommands];
const passphrase = 'correct horse battery staple';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agent-connections-agent-token-'));
  process.env.AGENT_CONNECTIONS_DATA_DIR = join(dir, 'data');
});
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
  rmSync(dir, { recursive: true, force: true });
  delete process.env.AGENT_CONNECTIONS_DATA_DIR;
});

const cli = cliRunner(commands);

describe('agent-token: a token obtained exactly as the agent would', () => {
  it('works for a REST call as the integration user; a wrong passphrase prints nothing secret', async () => {
    const stores = createConfStoreFactory(join(dir, 'data'));
    harness = await startHarness({}, { stores, vault: testCliVault(stores) });
    const h = harness;
    expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');
    const login = await loginCli(cli, h.emulator);
    expect(login.code).toBe(0);
    const adminToken = login.token;
    const file = join(dir, 'agent.json');
    expect((await cli(['export-credentials', '--out', file], { AGENT_CREDENTIALS_PASSPHRASE: passphrase })).code).toBe(0);
    const { username } = JSON.parse(readFileSync(file, 'utf8')) as { username: string };

    const printed = await cli(['agent-token', '--credentials', file], { AGENT_CREDENTIALS_PASSPHRASE: passphrase });
    expect(printed.code).toBe(0);
    expect(printed.err).toBe('');
    const token = printed.out.trim();
    expect(token).not.toBe(adminToken);
    const userinfo = await fetch(`${h.emulator.instanceUrl}/services/oauth2/userinfo`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await userinfo.json()) as { preferred_username: string }).preferred_username).toBe(username);
    const query = await fetch(
      `${h.emulator.instanceUrl}/services/data/v${API_VERSION}/query?q=${encodeURIComponent('SELECT Id FROM Opportunity LIMIT 1')}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(query.status).toBe(200);

    const wrong = await cli(['agent-token', '--credentials', file], { AGENT_CREDENTIALS_PASSPHRASE: 'not the passphrase' });
    expect(wrong.code).not.toBe(0);
    expect(wrong.out).toBe('');
    expect(wrong.err).toMatch(/passphrase does not open/);
    expect(wrong.err).not.toContain('not the passphrase');
  });

  it('says plainly that a file from before Reconnect belongs to an earlier app, with or without the connection on this computer', async () => {
    const stores = createConfStoreFactory(join(dir, 'data'));
    harness = await startHarness({}, { stores, vault: testCliVault(stores) });
    const h = harness;
    expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');
    expect((await loginCli(cli, h.emulator)).code).toBe(0);
    const old = join(dir, 'agent-old.json');
    expect((await cli(['export-credentials', '--out', old], { AGENT_CREDENTIALS_PASSPHRASE: passphrase })).code).toBe(0);
    const { appId } = JSON.parse(readFileSync(old, 'utf8')) as { appId: string };

    expect((await h.run(() => h.services.connection.planAndRun('reconnect'))).status).toBe('connected');
    const status = await cli(['status', '--json']);
    const envelope = JSON.parse(status.out) as { result: { handOver?: { reason: string } }; warnings: string[] };
    expect(envelope.result.handOver?.reason).toBe('newApp');
    expect(envelope.warnings.join('\n')).toMatch(/no longer works\. Export the credentials again/);

    const refused = await cli(['agent-token', '--credentials', old], { AGENT_CREDENTIALS_PASSPHRASE: passphrase });
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toMatch(/belongs to an earlier app/);
    expect(refused.err).toMatch(/Export the credentials again/);

    // On the agent's own machine there is no connection record: Salesforce not knowing the app says it.
    process.env.AGENT_CONNECTIONS_DATA_DIR = join(dir, 'agent-machine');
    const elsewhere = await cli(['agent-token', '--credentials', old, '--json'], { AGENT_CREDENTIALS_PASSPHRASE: passphrase });
    const error = JSON.parse(elsewhere.out) as { name: string; message: string };
    expect(error.name).toBe('CREDENTIALS_FROM_EARLIER_APP');
    expect(error.message).toContain(appId);
    expect(error.message).toMatch(/earlier app/);

    process.env.AGENT_CONNECTIONS_DATA_DIR = join(dir, 'data');
    const fresh = join(dir, 'agent-new.json');
    expect((await cli(['export-credentials', '--out', fresh], { AGENT_CREDENTIALS_PASSPHRASE: passphrase })).code).toBe(0);
    expect((await cli(['agent-token', '--credentials', fresh], { AGENT_CREDENTIALS_PASSPHRASE: passphrase })).code).toBe(0);
    const after = JSON.parse((await cli(['status', '--json'])).out) as { result: { handOver?: unknown } };
    expect(after.result.handOver).toBeUndefined();
  });

  it('refuses a file that is not an agent credentials file', async () => {
    const file = join(dir, 'other.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '{"hello":"world"}');
    const refused = await cli(['agent-token', '--credentials', file], { AGENT_CREDENTIALS_PASSPHRASE: passphrase });
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/not an agent credentials file/);
  });
});
