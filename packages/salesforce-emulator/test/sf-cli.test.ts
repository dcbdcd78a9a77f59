/**
 * The real Salesforce CLI against the emulator: `sf org login access-token`, then `sf data query`,
 * which first asks the query's columns (`columns=true`, fact QUERY-COLUMNS) and then its records.
 * Runs where the CLI is installed (`SF_CLI=/path/to/sf`, or `sf` on the PATH); it is not a
 * dependency of this project (hundreds of megabytes), so elsewhere the suite skips, saying why.
 */
import { execFile } from 'node:child_process';
import { accessSync, constants, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startEmulator, type StartedEmulator } from '../index';

const run = promisify(execFile);

function findSf(): string | undefined {
  const candidates = [process.env.SF_CLI, ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'sf'))];
  return candidates.find((c): c is string => {
    if (!c) return false;
    try {
      accessSync(c, constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const sf = findSf();
if (!sf) console.info('sf-cli.test: skipped, the Salesforce CLI is not installed (set SF_CLI=/path/to/sf to run it)');

describe.skipIf(!sf)('the Salesforce CLI against the emulator', () => {
  let emu: StartedEmulator;
  let home: string;
  let env: NodeJS.ProcessEnv;
  const sfJson = async (args: string[]): Promise<{ status: number; result: Record<string, unknown> }> => {
    const { stdout } = await run(sf ?? 'sf', [...args, '--json'], { env, timeout: 120_000 });
    return JSON.parse(stdout) as { status: number; result: Record<string, unknown> };
  };

  beforeAll(async () => {
    emu = await startEmulator({ seed: 'demo' });
    const conn = await signIn(emu);
    home = mkdtempSync(join(tmpdir(), 'sf-cli-home-'));
    env = {
      ...process.env,
      HOME: home,
      // Plugins spawn `sf` by name.
      PATH: `${dirname(sf ?? 'sf')}${delimiter}${process.env.PATH ?? ''}`,
      SF_ACCESS_TOKEN: conn.accessToken ?? '',
      SF_DISABLE_TELEMETRY: 'true',
      SF_AUTOUPDATE_DISABLE: 'true',
      SF_SKIP_NEW_VERSION_CHECK: 'true',
    };
    const login = await sfJson(['org', 'login', 'access-token', '--instance-url', emu.instanceUrl, '--no-prompt', '--alias', 'emu']);
    expect(login.result.username).toBe(emu.admin.username);
  }, 180_000);

  afterAll(async () => {
    await emu.stop();
    rmSync(home, { recursive: true, force: true });
  });

  it('sf data query "SELECT Id, Username FROM User" returns the org\'s users', async () => {
    const out = await sfJson(['data', 'query', '--query', 'SELECT Id, Username FROM User', '--target-org', 'emu']);
    expect(out.status).toBe(0);
    const records = out.result.records as { Id: string; Username: string }[];
    const usernames = emu.state().users.map((u) => u.Username);
    expect(records.map((r) => r.Username).sort()).toEqual([...usernames].sort());
    expect(records.find((r) => r.Username === emu.admin.username)?.Id).toBe(emu.admin.userId);
  }, 180_000);

  it('sf data query prints a relationship column through its join columns', async () => {
    const { stdout } = await run(sf ?? 'sf', ['data', 'query', '--query', 'SELECT Name, Owner.Name FROM Account', '--target-org', 'emu'], {
      env,
      timeout: 120_000,
    });
    expect(stdout).toContain('OWNER.NAME');
    expect(stdout).toMatch(/Total number of records retrieved: \d+/);
  }, 180_000);
});
