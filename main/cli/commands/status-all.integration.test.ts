import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type StartedEmulator } from '../../../packages/salesforce-emulator/index';
import { cliRunner, loginCli } from '../../../test/support/cli-run';
import { authCommands } from '../auth-commands';
import { connectionCommands } from './connection';
import { enableCommands } from './enable';
import type { OrgStatusLine } from '../../../common/cli-json';
import { jsonResult } from '../../../test/support/cli-json';

const commands = [...authCommands, ...enableCommands, ...connectionCommands];
let emulators: StartedEmulator[] = [];
let dir = '';

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agent-connections-cli-'));
  process.env.AGENT_CONNECTIONS_DATA_DIR = join(dir, 'data');
});
afterEach(async () => {
  await Promise.all(emulators.map((e) => e.stop()));
  emulators = [];
  rmSync(dir, { recursive: true, force: true });
  delete process.env.AGENT_CONNECTIONS_DATA_DIR;
});

const cli = cliRunner(commands);

/** Signs the CLI in to the emulator under the profile `name` and turns the connection on there. */
async function connect(emulator: StartedEmulator, name: string): Promise<void> {
  expect((await loginCli(cli, emulator, { profile: name })).code).toBe(0);
  const enabled = await cli(['enable', '--yes', '--json']);
  expect(jsonResult(enabled.out).status).toBe('connected');
}

const byProfile = (lines: OrgStatusLine[], profile: string) => lines.find((l) => l.profile === profile);

describe('status --all', () => {
  it(
    'checks a production org and two sandboxes, each with its own session, at 2 reads and a token grant each',
    { timeout: 120_000 },
    async () => {
      emulators = await Promise.all([
        startEmulator(),
        startEmulator({ switches: { orgType: 'sandbox' } }),
        startEmulator({ switches: { orgType: 'sandbox' } }),
      ]);
      const [production, uat, dev] = emulators as [StartedEmulator, StartedEmulator, StartedEmulator];
      await connect(production, 'Production');
      await connect(uat, 'UAT');
      await connect(dev, 'Dev');
      for (const e of emulators) e.clearRequests();

      const run = await cli(['status', '--all', '--json']);

      expect(run.err).toBe('');
      expect(run.code).toBe(0);
      const { orgs } = jsonResult(run.out) as { orgs: OrgStatusLine[] };
      expect(orgs).toHaveLength(3);
      expect(byProfile(orgs, 'Production')).toMatchObject({ orgId: production.orgId, environment: 'production', status: 'connected' });
      expect(byProfile(orgs, 'UAT')).toMatchObject({ orgId: uat.orgId, environment: 'sandbox', status: 'connected' });
      expect(byProfile(orgs, 'Dev')).toMatchObject({ orgId: dev.orgId, environment: 'sandbox', status: 'connected' });
      for (const line of orgs) {
        expect(line.lastCheckedAt).toEqual(expect.any(String));
        expect(line.certificateExpiresAt).toEqual(expect.any(String));
      }
      for (const e of emulators) {
        const tokenGrants = e.requests().filter((r) => r.path.endsWith('/services/oauth2/token'));
        expect(tokenGrants).toHaveLength(1);
        expect(e.requests().length - tokenGrants.length).toBeLessThanOrEqual(3);
      }
    },
  );

  it('checks the orgs it has a session for and says which profile to sign in to for the others', { timeout: 120_000 }, async () => {
    emulators = await Promise.all([startEmulator(), startEmulator({ switches: { orgType: 'sandbox' } })]);
    const [production, sandbox] = emulators as [StartedEmulator, StartedEmulator];
    await connect(production, 'Production');
    await connect(sandbox, 'Sandbox');
    expect((await cli(['logout'])).code).toBe(0);
    sandbox.clearRequests();
    const run = await cli(['status', '--all', '--json']);
    const { orgs } = jsonResult(run.out) as { orgs: OrgStatusLine[] };

    expect(run.code).toBe(1);
    expect(byProfile(orgs, 'Sandbox')?.error).toMatchObject({
      code: 'NOT_SIGNED_IN',
      message: expect.stringMatching(/sign in to Sandbox/),
    });
    expect(byProfile(orgs, 'Production')).toMatchObject({
      orgId: production.orgId,
      status: 'connected',
      lastCheckedAt: expect.any(String),
    });
    expect(sandbox.requests().filter((r) => r.path.endsWith('/services/oauth2/token'))).toHaveLength(0);
  });
});
