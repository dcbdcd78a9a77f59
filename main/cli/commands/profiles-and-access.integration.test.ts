import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type StartedEmulator } from '../../../packages/salesforce-emulator/index';
import { cliRunner, loginCli } from '../../../test/support/cli-run';
import { emulatorAdminAuth } from '../../../test/support/connection/emulator-session';
import { createAuditLog } from '../../store/audit-log';
import { createConfStoreFactory } from '../../store/conf-store';
import { createSettingsRepository } from '../../store/settings-repository';
import { startCliApp } from '../cli-app';
import { TEST_VAULT_PASSPHRASE } from '../../../test/support/cli-vault';
import { commands } from '../commands';
import { jsonResult } from '../../../test/support/cli-json';

let emulator: StartedEmulator;
let dir = '';
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.stop());
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agent-connections-cli-'));
  process.env.AGENT_CONNECTIONS_DATA_DIR = join(dir, 'data');
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
  delete process.env.AGENT_CONNECTIONS_DATA_DIR;
});

const stores = () => createConfStoreFactory(join(dir, 'data'));
const never = () => new Promise<void>(() => undefined);

const cli = cliRunner(commands);

async function login(name = 'Emulator') {
  expect((await loginCli(cli, emulator, { profile: name })).code).toBe(0);
}

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

describe('--org-profile on every command', () => {
  it('refuses an unknown profile with exit 2 and one line, before touching the org', { timeout: 60_000 }, async () => {
    await login();
    for (const args of [
      ['status'],
      ['enable', '--dry-run'],
      ['access', 'show'],
      ['disable', '--yes'],
      ['audit', 'export', '--format', 'json'],
    ]) {
      const run = await cli(['--org-profile', 'Emulatr', ...args]);
      expect(run.code).toBe(2);
      expect(run.err).toBe('There is no org profile named "Emulatr"; `profiles` lists them.');
    }
    expect(emulator.state().externalClientApps).toHaveLength(0);
  });

  it('ties the profile to its org at sign-in and refuses to act in another org', { timeout: 60_000 }, async () => {
    await login();
    const settings = createSettingsRepository(stores());
    const profile = settings.activeProfile();
    expect(profile).toMatchObject({ name: 'Emulator', orgId: emulator.orgId });

    const listed = await cli(['profiles']);
    expect(listed.out).toContain(`* Emulator  ${emulator.instanceUrl}  org ${emulator.orgId}`);

    // The profile says another org (as after signing in elsewhere with a stale session).
    settings.saveProfile({ ...(profile ?? { name: 'x', environment: 'production' }), orgId: '00D000000000001AAA' });
    for (const args of [['status'], ['enable', '--dry-run'], ['whoami']]) {
      const refused = await cli(args);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/not the org of the profile "Emulator" \(00D000000000001AAA\)/);
    }
    expect(emulator.state().externalClientApps).toHaveLength(0);
  });

  it('after a sandbox refresh, login says the org changed and --accept-new-org leads to org-change', { timeout: 60_000 }, async () => {
    await login();
    const settings = createSettingsRepository(stores());
    const profile = settings.activeProfile();
    // The profile signed in to the source org before the refresh; the emulator is the refreshed copy.
    settings.saveProfile({ ...(profile ?? { name: 'x', environment: 'production' }), orgId: '00D000000000001AAA' });
    // Each attempt brings its own token: signing out again revokes the one it used.
    const token = async () => ({ SF_ACCESS_TOKEN: (await (await emulatorAdminAuth(emulator)).session()).connection.accessToken ?? '' });
    const args = ['login', '--instance-url', emulator.instanceUrl, '--allow-any-host', '--org-profile', 'Emulator'];

    const refused = await cli(args, await token());
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/"Emulator" used to sign in to org 00D000000000001AAA, but this sign-in went to .*signed out again/);
    expect(refused.err).toContain('login --accept-new-org');
    expect((await cli(['whoami'])).err).toMatch(/Not signed in/);

    const accepted = await cli([...args, '--accept-new-org'], await token());
    expect(accepted.code).toBe(0);
    expect(accepted.err).toContain(
      `This profile used to sign in to org 00D000000000001AAA; it now signs in to org ${emulator.orgId} (a sandbox refresh?). Run org-change`,
    );
    // Other commands still refuse to act until org-change settles which org the profile is for.
    const status = await cli(['status']);
    expect(status.code).toBe(1);
    expect(status.err).toMatch(/not the org of the profile "Emulator" .*run org-change/);
    expect((await cli(['org-change'])).out).toContain('org-change --accept');
    expect((await cli(['org-change', '--accept'])).out).toContain(`The profile now belongs to org ${emulator.orgId}.`);
    expect(createSettingsRepository(stores()).activeProfile()?.orgId).toBe(emulator.orgId);
    expect((await cli(['status'])).err).not.toMatch(/not the org of the profile/);
  });

  it('an abandoned sign-in at another host creates and activates nothing', { timeout: 60_000 }, async () => {
    await login();
    let cancel = () => undefined as void;
    const interrupted = () => new Promise<void>((resolve) => (cancel = resolve));
    const port = String(await freePort());
    const pending = cli(
      ['login', '--no-browser', '--login-url', 'https://evil.example.com', '--allow-any-host', '--port', port],
      {},
      interrupted,
    );
    await new Promise((resolve) => setTimeout(resolve, 500));
    cancel();
    const abandoned = await pending;
    expect(abandoned.out).toContain('https://evil.example.com/services/oauth2/authorize');
    expect(abandoned.code).toBe(1);
    const settings = createSettingsRepository(stores()).get();
    expect(settings.orgProfiles.map((p) => p.name)).toEqual(['Emulator']);
    expect(settings.activeProfileId).toBe(settings.orgProfiles[0]?.id);
  });
});

describe('the CLI small commands', () => {
  it('prints its version, lists no profiles yet, and says when the connection is already off', { timeout: 30_000 }, async () => {
    const version = JSON.parse(readFileSync(join(__dirname, '../../../package.json'), 'utf8')) as { version: string };
    expect((await cli(['version'])).out).toBe(version.version);
    expect((await cli(['--version'])).out).toBe(version.version);
    expect((await cli(['profiles'])).out).toMatch(/No org profiles yet/);
    await login();
    const disabled = await cli(['disable']);
    expect(disabled).toMatchObject({ code: 0, out: 'The connection is already off; nothing to remove.' });
  });
});

describe("the agent's access through the CLI", () => {
  it(
    'grants and revokes desired access under main policy, each change on the audit with its before/after',
    { timeout: 60_000 },
    async () => {
      await login();
      const shown = await cli(['access', 'show', '--json']);
      const objects = (jsonResult(shown.out) as { objects: { object: string }[] }).objects;
      expect(objects.map((o) => o.object)).toContain('Account');

      const granted = await cli(['access', 'grant', 'Account.Industry', '--view-all']);
      expect(granted.code).toBe(0);
      expect(granted.out).toContain('added fields Account.Industry; View All Records turned on for Account');
      expect(granted.out).toMatch(/`enable` turns it on with this access/);

      const refused = await cli(['access', 'grant', 'Account', '--edit']);
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/may not edit Account/);

      const narrowed = await cli(['access', 'revoke', 'Account.Industry', '--view-all']);
      expect(narrowed.out).toContain('removed fields Account.Industry; View All Records turned off for Account');
      expect((await cli(['access', 'grant', 'Nope.Bad.Name'])).code).toBe(2);

      const entries = createAuditLog(stores()).list({ operation: 'agent.accessProfile.update' });
      expect(entries.map((e) => [e.result, e.actor, e.orgId])).toEqual([
        ['success', emulator.admin.username, emulator.orgId],
        ['failure', emulator.admin.username, emulator.orgId],
        ['success', emulator.admin.username, emulator.orgId],
      ]);
      expect(entries[2]?.access).toMatchObject({ addedFields: ['Account.Industry'], viewAllOn: ['Account'] });
      expect(entries[0]?.access).toMatchObject({ removedFields: ['Account.Industry'], viewAllOff: ['Account'] });
    },
  );

  it('refuses an object or field the org lacks, naming it, and keeps every later change working', { timeout: 60_000 }, async () => {
    await login();
    const before = (await cli(['access', 'show', '--json'])).out;
    for (const [target, named] of [
      ['Case', 'Case'],
      ['Contact.Pronouns__c', 'Contact.Pronouns__c'],
    ] as const) {
      const refused = await cli(['access', 'grant', target]);
      expect(refused.code).toBe(1);
      expect(refused.err).toContain(`This org has no ${named} that you can see`);
      expect(refused.err).not.toMatch(/Something went wrong/);
    }
    // Nothing was saved, nothing is blocked: the profile is as it was, and the next grant works.
    expect((await cli(['access', 'show', '--json'])).out).toBe(before);
    const granted = await cli(['access', 'grant', 'Account.Industry']);
    expect(granted.code).toBe(0);
    expect((await cli(['access', 'revoke', 'Account.Industry'])).code).toBe(0);
  });

  it('exports the audit to stdout or a file, and the export and profile changes are on it', { timeout: 60_000 }, async () => {
    await login();
    const csv = await cli(['audit', 'export', '--format', 'csv']);
    expect(csv.code).toBe(0);
    expect(csv.out.split(/\r?\n/)[0]).toBe('at,actor,orgId,operation,result,summary,artifacts');
    expect(csv.out).toContain('Added the org profile ""Emulator""');
    const file = join(dir, 'audit.json');
    expect((await cli(['audit', 'export', '--format', 'json', '--out', file])).code).toBe(0);
    const exported = JSON.parse(readFileSync(file, 'utf8')) as { operation: string; actor: string }[];
    expect(exported.filter((e) => e.operation === 'audit.export')).toEqual([expect.objectContaining({ actor: emulator.admin.username })]);
    expect(exported.map((e) => e.operation)).toEqual(expect.arrayContaining(['profiles.save', 'auth.signIn']));
    expect((await cli(['audit', 'export', '--format', 'md'])).code).toBe(2);
  });
});

describe('fresh status when the app opens', () => {
  it('the check the app runs on opening reports a connection another tool broke', { timeout: 120_000 }, async () => {
    await login();
    expect(jsonResult((await cli(['enable', '--yes', '--json'])).out).status).toBe('connected');
    const token = (await (await emulatorAdminAuth(emulator)).session()).connection.accessToken ?? '';
    const assignment = emulator
      .state()
      .permissionSetAssignments.find((a) => a.PermissionSetId === emulator.state().permissionSets.at(-1)?.Id);
    await fetch(`${emulator.instanceUrl}/services/data/v66.0/sobjects/PermissionSetAssignment/${assignment?.Id ?? ''}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${token}` },
    });

    const { app } = await startCliApp(
      {
        out: () => undefined,
        err: () => undefined,
        env: { AGENT_CONNECTIONS_VAULT_PASSPHRASE: TEST_VAULT_PASSPHRASE },
        interrupted: never,
      },
      { launchBrowser: false },
    );
    expect((await app.handlers['connection.state']({})).status).toBe('connected');
    const report = await app.handlers['connection.check']({});
    expect(report.status).toBe('error');
    expect((await app.handlers['connection.state']({})).error?.code).toBe('CONNECTION_BROKEN');
    expect((await cli(['disable', '--yes'])).code).toBe(0);
  });
});
