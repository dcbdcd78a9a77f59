import { describe, expect, it } from 'vitest';
import { cliAgainstEmulator, loginCli } from '../../../test/support/cli-run';
import { authCommands } from '../auth-commands';
import type { CliCommand } from '../command';
import { connectionCommands } from './connection';
import { enableCommands } from './enable';
import { visibilityCommands } from './visibility';
import { jsonResult } from '../../../test/support/cli-json';

/** Turns the connection on through the CLI app's own services, with the plan reviewed as the screens do. */
const enableReviewed: CliCommand = {
  name: 'enable-reviewed',
  summary: 'test only',
  usage: '',
  options: {},
  async run(context) {
    const { connection } = (await context.start({ launchBrowser: false })).app;
    await connection.planAndRun('enable');
    return (await connection.settled()).status === 'connected' ? 0 : 1;
  },
};
const { cli, emulator: started } = cliAgainstEmulator([
  ...authCommands,
  ...enableCommands,
  ...connectionCommands,
  ...visibilityCommands,
  enableReviewed,
]);

describe('visibility through the CLI', () => {
  it('visibility --json gives each object with agentCanSee, adminCanSee, reason and fix; the text names the fix', async () => {
    const emulator = started();
    expect((await loginCli(cli, emulator)).code).toBe(0);
    expect((await cli(['enable-reviewed'])).code).toBe(0);

    const json = await cli(['visibility', '--json']);
    expect(json.code).toBe(0);
    const parsed = jsonResult(json.out) as { objects: Record<string, unknown>[] };
    expect(parsed.objects.find((o) => o.object === 'Account')).toEqual({
      object: 'Account',
      agentCanSee: 0,
      adminCanSee: 5,
      reason: 'private',
      fix: 'viewAllRecords',
    });
    for (const o of parsed.objects) expect(Object.keys(o).sort()).toEqual(['adminCanSee', 'agentCanSee', 'fix', 'object', 'reason']);

    const text = await cli(['visibility']);
    expect(text.out).toMatch(
      /! The agent sees 0 of 5 Account records: Account's org-wide default is Private.*Fix: View All Records on Account/,
    );
  });
});
