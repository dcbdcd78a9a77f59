import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signIn, startEmulator, type StartedEmulator } from '../../../packages/salesforce-emulator/index';
import { authCommands } from '../auth-commands';
import { cliRunner, loginCli } from '../../../test/support/cli-run';
import { jsonResult } from '../../../test/support/cli-json';
import { connectionCommands } from './connection';
import { enableCommands } from './enable';

let emulator: StartedEmulator;
let dir = '';
beforeEach(async () => {
  // An org whose own setup asks something of every new user (facts USER-REQUIRED-FIELDS, USER-VALIDATION-RULES).
  emulator = await startEmulator({
    userRules: {
      requiredFields: [{ name: 'Cost_Center__c', label: 'Cost Center' }],
      validationRules: [
        {
          name: 'Department_Required',
          errorMessage: 'Every user needs a department.',
          errorDisplayField: 'Department',
          requiresField: 'Department',
        },
      ],
    },
  });
  dir = mkdtempSync(join(tmpdir(), 'agent-connections-cli-'));
  process.env.AGENT_CONNECTIONS_DATA_DIR = join(dir, 'data');
});
afterEach(async () => {
  await emulator.stop();
  rmSync(dir, { recursive: true, force: true });
  delete process.env.AGENT_CONNECTIONS_DATA_DIR;
});

const cli = cliRunner([...authCommands, ...enableCommands, ...connectionCommands]);

describe('enable --user-field: the values the org asks of the integration user', () => {
  it('the dry run names the field and the rule, and refuses without the value; with it the user is created carrying it', async () => {
    expect((await loginCli(cli, emulator)).code).toBe(0);
    const dry = await cli(['enable', '--dry-run']);
    expect(dry.code).toBe(1);
    expect(dry.out).toMatch(/warn User has required custom fields without a default: Cost Center \(Cost_Center__c\)/);
    expect(dry.out).toMatch(/Active validation rule on User: Department_Required \("Every user needs a department."\)/);
    expect(dry.err).toMatch(/Would refuse:.*Cost_Center__c\. Give each with --user-field NAME=VALUE/);

    expect((await cli(['enable', '--yes', '--user-field', 'no-equals-sign'])).err).toMatch(/--user-field expects NAME=VALUE/);

    const enabled = await cli(['enable', '--yes', '--json', '--user-field', 'Cost_Center__c=CC-7', '--user-field', 'Department=Sales Ops']);
    expect(jsonResult(enabled.out)).toMatchObject({ status: 'connected' });
    const admin = await signIn(emulator);
    const user = await admin.query<{ Cost_Center__c: string; Department: string }>(
      "SELECT Cost_Center__c, Department FROM User WHERE Profile.Name = 'Minimum Access - API Only Integrations'",
    );
    expect(user.records).toEqual([expect.objectContaining({ Cost_Center__c: 'CC-7', Department: 'Sales Ops' })]);
  });
});
