import { createPrivateKey } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type StartedEmulator } from '../../../e2e/salesforce-emulator';
import { authCommands } from '../auth-commands';
import type { CliIo } from '../command';
import { runCli } from '../run';
import { emulatorAdminAuth } from '../../connection/testing/emulator-session';
import { connectionCommands } from './connection';

let emulator: StartedEmulator;
let dir = '';
const commands = [...authCommands, ...connectionCommands];

beforeEach(async () => {
  emulator = await startEmulator();
  dir = mkdtempSync(join(tmpdir(), 'agent-connections-cli-'));
  process.env.AGENT_CONNECTIONS_DATA_DIR = join(dir, 'data');
});
afterEach(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
  delete process.env.AGENT_CONNECTIONS_DATA_DIR;
});

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = { out: (l) => out.push(l), err: (l) => err.push(l), env: { ...process.env, ...env }, interrupted: () => new Promise(() => undefined) };
  const code = await runCli(args, io, commands);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

describe('the connection through the CLI', () => {
  it('enable -> status -> export (3 formats, no secrets) -> export-credentials -> disable', async () => {
    const token = (await (await emulatorAdminAuth(emulator)).session()).connection.accessToken ?? '';
    expect((await cli(['login', '--instance-url', emulator.instanceUrl, '--login-url', emulator.loginUrl], { SF_ACCESS_TOKEN: token })).code).toBe(0);

    const dry = await cli(['enable', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/Plan: permissionSet -> accessGrants/);

    const enabled = await cli(['enable', '--json']);
    expect(enabled.err).toBe('');
    expect(JSON.parse(enabled.out).status).toBe('connected');

    const status = await cli(['status', '--json']);
    expect(JSON.parse(status.out).status).toBe('connected');

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
    expect(JSON.parse(disabled.out).status).toBe('off');
    expect(emulator.state().externalClientApps).toHaveLength(0);
    expect(emulator.state().users.find((u) => u.Username === exported.username)?.IsActive).toBe(false);
  });
});
