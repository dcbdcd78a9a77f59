import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliOutputSchema, cliResultSchemas, type CliCommandName } from '../../common/cli-json';
import { emulatorLoginArgs } from '../../bench/emulator-cli';
import { cliAgainstEmulator, type CliRun } from '../../test/support/cli-run';
import { emulatorAdminAuth } from '../../test/support/connection/emulator-session';
import { commands } from './commands';
import { freePort } from '../../e2e/support/free-port';

const { emulator, cli } = cliAgainstEmulator(commands);
const covered = new Set<string>();

/** Runs `args --json` and checks stdout is exactly one document of the command's schema; returns it. */
async function json(args: string[], env?: Record<string, string>): Promise<{ run: CliRun; doc: Record<string, unknown> }> {
  const name = args[0] as CliCommandName;
  const run = await cli([...args, '--json'], env);
  const parsed: unknown = JSON.parse(run.out);
  const checked = cliOutputSchema(name).safeParse(parsed);
  expect(checked.error?.issues ?? [], `${args.join(' ')} --json:\n${run.out}`).toEqual([]);
  expect((parsed as { status: number }).status).toBe(run.code);
  covered.add(name);
  return { run, doc: parsed as Record<string, unknown> };
}

const result = (doc: Record<string, unknown>) => doc.result as Record<string, unknown>;

describe('every command with --json prints one envelope of its schema', () => {
  it('signed out, through a whole connection lifecycle, and for usage errors', { timeout: 180_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-json-'));
    expect(result((await json(['version'])).doc)).toEqual({ version: expect.any(String) as string });
    expect(result((await json(['completion', 'fish'])).doc).script).toContain('complete -c agent-connections');
    // Signed out: an error with the action that fixes it, never silence or a guess.
    expect((await json(['status'])).doc).toMatchObject({ status: 1, name: 'NOT_SIGNED_IN', exitCode: 1, action: 'signIn' });
    expect((await json(['whoami'])).doc).toMatchObject({ name: 'NOT_SIGNED_IN', action: 'signIn' });
    expect((await json(['status', '--bogus'])).doc).toMatchObject({ status: 2, name: 'USAGE_ERROR' });
    expect(result((await json(['logout'])).doc)).toEqual({ wasSignedIn: false });

    const org = emulator();
    const token = (await (await emulatorAdminAuth(org)).session()).connection.accessToken ?? '';
    const login = await json(emulatorLoginArgs(org), { SF_ACCESS_TOKEN: token });
    expect(result(login.doc)).toMatchObject({ orgId: org.orgId, username: org.admin.username });
    const who = await json(['whoami']);
    expect(result(who.doc), who.run.out + who.run.err).toMatchObject({ state: 'signedIn' });
    expect(result((await json(['profiles'])).doc)).toHaveLength(1);
    expect(result((await json(['sign-in-app', 'show'])).doc)).toMatchObject({ clientId: 'PlatformCLI', signInApp: null });
    expect(result((await json(['access', 'show'])).doc)).toHaveProperty('objects');
    expect(result((await json(['access', 'grant', 'Account.Industry'])).doc)).toMatchObject({ changed: expect.any(Boolean) as boolean });

    const dry = await json(['enable', '--dry-run', '--agent-name', 'Json Agent']);
    expect(result(dry.doc)).toMatchObject({ dryRun: true, plan: { agentName: 'Json Agent' }, refusals: [] });
    expect(result((await json(['enable', '--yes'])).doc)).toMatchObject({ status: 'connected' });
    expect(result((await json(['status'])).doc)).toMatchObject({ status: 'connected' });
    expect(result((await json(['status', '--all'])).doc)).toMatchObject({ orgs: [{ status: 'connected' }] });
    expect(result((await json(['visibility'])).doc)).toHaveProperty('objects');
    for (const kind of ['update-access', 'reconnect', 'recreate', 'repair'])
      expect(result((await json([kind, '--dry-run'])).doc)).toMatchObject({ dryRun: true, plan: { kind: expect.any(String) as string } });
    expect(result((await json(['update-access', '--yes'])).doc)).toMatchObject({ status: 'connected' });
    // Nothing interrupted: the refusal as an error document.
    expect((await json(['resume', '--dry-run'])).doc).toMatchObject({ name: 'NOTHING_TO_RESUME' });
    expect((await json(['rollback', '--dry-run'])).doc).toMatchObject({ name: 'NOTHING_TO_RESUME' });

    const details = join(dir, 'details.json');
    expect(result((await json(['export', '--format', 'json', '--out', details])).doc)).toEqual({ path: details });
    expect(result((await json(['audit', 'export', '--format', 'csv'])).doc)).toMatchObject({ format: 'csv' });
    const credentials = join(dir, 'agent.json');
    const env = { AGENT_CREDENTIALS_PASSPHRASE: 'correct horse battery staple' };
    expect(result((await json(['export-credentials', '--out', credentials], env)).doc)).toEqual({ path: credentials });
    expect(result((await json(['agent-token', '--credentials', credentials], env)).doc)).toHaveProperty('accessToken');
    expect(result((await json(['rotate-key', '--yes'])).doc)).toMatchObject({ status: 'connected' });
    expect(result((await json(['org-change'])).doc)).toMatchObject({ status: 'connected' });
    // The background check: a dry run writes no scheduler file and runs no command.
    expect(result((await json(['watch', 'unschedule', '--dry-run'])).doc)).toMatchObject({ action: 'unschedule', dryRun: true });
    expect(result((await json(['watch', 'run'])).doc)).toMatchObject({ action: 'run', checks: [{ status: 'connected' }] });
    expect(result((await json(['disable', '--yes'])).doc)).toMatchObject({ status: 'off' });
    expect(result((await json(['disable'])).doc)).toMatchObject({ status: 'off' });

    expect(result((await json(['sign-in-app', 'show'])).doc)).toMatchObject({ clientId: 'PlatformCLI', signInApp: null });
    const port = String(await freePort());
    expect(result((await json(['sign-in-app', 'create', '--port', port, '--dry-run'])).doc)).toMatchObject({
      dryRun: true,
      plan: { kind: 'create' },
    });
    const made = result((await json(['sign-in-app', 'create', '--port', port, '--yes'])).doc);
    expect(made).toMatchObject({ signInApp: { callbackPort: Number(port) } });
    // The profile's client changed, so its session (issued to the default client) ended: the same
    // document tells what to do, for every command that needs it.
    expect((await json(['whoami'])).doc).toMatchObject({ name: 'SESSION_EXPIRED', action: 'signIn' });
    expect((await json(['sign-in-app', 'remove', '--dry-run'])).doc).toMatchObject({ status: 1, action: 'signIn' });

    // Every command of the table has a schema, and this test ran each one.
    expect(Object.keys(cliResultSchemas).sort()).toEqual(commands.map((c) => c.name).sort());
    expect([...covered].sort()).toEqual(commands.map((c) => c.name).sort());
  });

  it('an unknown command is a usage error document, and --version answers as a document', async () => {
    const unknown = await cli(['nonsense', '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.out)).toMatchObject({ status: 2, name: 'USAGE_ERROR', exitCode: 2, action: null });
    expect(cliOutputSchema('version').safeParse(JSON.parse((await cli(['--version', '--json'])).out)).success).toBe(true);
  });
});
