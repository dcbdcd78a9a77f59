import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliOutputSchema } from '../../../common/cli-json';
import { cliAgainstEmulator, loginCli } from '../../../test/support/cli-run';
import { jsonResult } from '../../../test/support/cli-json';
import { emulatorAdminAuth } from '../../../test/support/connection/emulator-session';
import { authCommands } from '../auth-commands';
import { agentTokenCommands } from './agent-token';
import { connectionCommands } from './connection';
import { enableCommands } from './enable';

const { emulator, cli } = cliAgainstEmulator([...authCommands, ...enableCommands, ...connectionCommands, ...agentTokenCommands]);
const PASSPHRASE = { AGENT_CREDENTIALS_PASSPHRASE: 'correct horse battery staple' };
let files = '';
beforeAll(() => {
  files = mkdtempSync(join(tmpdir(), 'agent-connections-diagnosis-'));
});
afterAll(() => rmSync(files, { recursive: true, force: true }));

async function connected(): Promise<void> {
  expect((await loginCli(cli, emulator())).code).toBe(0);
  expect((await cli(['enable', '--yes'])).code).toBe(0);
}

/** The integration user, changed in the org by an admin. */
async function updateUser(fields: Record<string, unknown>, object = 'User'): Promise<void> {
  const admin = await (await emulatorAdminAuth(emulator())).session();
  const user = emulator()
    .state()
    .users.find((u) => u.Username.endsWith('.agent-connections.invalid'));
  if (object === 'User') return void (await admin.connection.sobject('User').update({ Id: user?.Id ?? '', ...fields }));
  const login = await admin.connection.query<{ Id: string }>(`SELECT Id FROM UserLogin WHERE UserId = '${user?.Id ?? ''}'`);
  await admin.connection.sobject('UserLogin').update({ Id: login.records[0]?.Id ?? '', ...fields });
}

describe('status and repair in the CLI give the diagnosis the screens give', () => {
  it('503s from the token endpoint: status says Salesforce did not answer, action retry, and the next status is connected', async () => {
    await connected();
    emulator().addFault({ method: 'POST', path: '/services/oauth2/token$', times: 3, respond: { status: 503, body: '' } });
    const run = await cli(['status', '--json']);
    expect(run.code).toBe(1);
    const parsed = cliOutputSchema('status').parse(JSON.parse(run.out));
    expect(parsed).toMatchObject({ status: 1, result: { status: 'connected', checkProblem: { kind: 'transient' } } });
    const result = jsonResult(run.out) as { error?: unknown; checkProblem: { error: { code: string; action: string } } };
    expect(result.error).toBeUndefined();
    expect(result.checkProblem.error).toMatchObject({ code: 'CHECK_NO_ANSWER', action: 'retry' });
    expect(run.out).not.toMatch(/"action":"(reconnect|recreate)"/);
    emulator().addFault({ method: 'POST', path: '/services/oauth2/token$', times: 3, respond: { status: 503, body: '' } });
    const human = await cli(['status']);
    expect(human.out).toMatch(/Status: connected/);
    expect(human.err).toMatch(/Salesforce did not answer the agent's sign-in .* tries again, with backoff\. \(next: retry\)/);
    expect(human.err).not.toMatch(/Reconnect|recreate/i);
    // Salesforce answers again: the verdict the shared state kept is confirmed, and nothing is left to say.
    const again = await cli(['status']);
    expect(again.code).toBe(0);
    expect(again.err).toBe('');
  });

  it('a deactivated user: status says so with next: repair; repair --yes keeps the consumer key and the old credentials work', async () => {
    await connected();
    const file = join(files, 'agent.json');
    expect((await cli(['export-credentials', '--out', file], PASSPHRASE)).code).toBe(0);
    await updateUser({ IsActive: false });
    const status = await cli(['status']);
    expect(status.code).toBe(1);
    expect(status.err).toMatch(/was deactivated in Salesforce on .* \(next: repair\)/);

    const dry = await cli(['repair', '--dry-run']);
    expect(dry.out).toMatch(/Reactivate the integration user/);
    expect(dry.out).toMatch(/Keep the External Client App/);
    const repaired = await cli(['repair', '--yes', '--json']);
    expect(repaired.code).toBe(0);
    const state = cliOutputSchema('repair').parse(JSON.parse(repaired.out));
    expect(state).toMatchObject({ status: 0, result: { status: 'connected' } });
    const token = await cli(['agent-token', '--credentials', file], PASSPHRASE);
    expect(token.code).toBe(0);
    expect(token.out.trim()).not.toBe('');
  });

  it('a frozen integration user: status names it frozen, with the fix', async () => {
    await connected();
    await updateUser({ IsFrozen: true }, 'UserLogin');
    const run = await cli(['status', '--json']);
    expect(run.code).toBe(1);
    const result = jsonResult(run.out) as { status: string; error: { code: string; action: string; message: string } };
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ code: 'AGENT_USER_FROZEN', action: 'openSetup' });
    expect(result.error.message).toMatch(/is frozen in Salesforce.*unfreeze the user in Setup > Users/);
  });
});
