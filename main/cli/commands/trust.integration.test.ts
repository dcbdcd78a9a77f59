import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../../packages/salesforce-emulator/index';
import { cliAgainstEmulator, loginCli } from '../../../test/support/cli-run';
import { commands } from '../commands';
import { stepIds } from '../../../common';
import { jsonResult } from '../../../test/support/cli-json';

const { emulator, cli } = cliAgainstEmulator(commands);

/** Signs the current data directory in to the emulated org as its admin, under the profile "Emulator". */
async function login(): Promise<void> {
  expect((await loginCli(cli, emulator(), { profile: 'Emulator' })).code).toBe(0);
}

/** Runs `body` as another install of the app: a data directory of its own. */
async function asAnotherInstall<T>(body: () => Promise<T>): Promise<T> {
  const first = process.env.AGENT_CONNECTIONS_DATA_DIR;
  const other = mkdtempSync(join(tmpdir(), 'agent-connections-other-'));
  process.env.AGENT_CONNECTIONS_DATA_DIR = join(other, 'data');
  try {
    return await body();
  } finally {
    process.env.AGENT_CONNECTIONS_DATA_DIR = first;
    rmSync(other, { recursive: true, force: true });
  }
}

const SOAP_WRITES = /^(create|update|upsert|delete|rename)Metadata$|^(deploy|create|update|upsert|delete)$/;

/**
 * A request that changes the org by its method and path: REST PATCH/PUT/DELETE, a POST other than sign-in
 * and Composite, or a SOAP write. Composite carries the reads of a plan as well, and the log has no bodies:
 * the org's state, compared as a whole, is what proves no Composite wrote.
 */
function isWrite(r: RequestLogEntry): boolean {
  if (r.soapOperation) return SOAP_WRITES.test(r.soapOperation);
  if (r.method === 'GET' || r.method === 'HEAD') return false;
  if (r.method === 'POST' && /\/services\/(oauth2\/(token|revoke)|data\/v[\d.]+\/composite)$/.test(r.path)) return false;
  return !r.path.includes('/services/Soap/');
}

const enableOutput = (out: string) => jsonResult(out) as { status: string; details?: { app: { consumerKey: string } } };

describe('every write asks first: without --yes and nobody to type yes, nothing is written', () => {
  it('each write command exits 2, says how to go ahead, and the org is unchanged', { timeout: 180_000 }, async () => {
    await login();
    const refusedEnable = await cli(['enable']);
    expect(refusedEnable.code).toBe(2);
    expect(refusedEnable.err).toMatch(/Nothing was changed\. Run again with --yes/);
    expect(emulator().state().externalClientApps).toEqual([]);

    expect(enableOutput((await cli(['enable', '--yes', '--json'])).out).status).toBe('connected');
    // Something to update: View All on Account for the agent, not yet in the org.
    expect((await cli(['access', 'grant', 'Account', '--view-all'])).code).toBe(0);

    const orgNow = () => ({ ...emulator().state(), now: undefined });
    const before = orgNow();
    const seen = emulator().requests().length;
    for (const command of ['disable', 'reconnect', 'recreate', 'update-access', 'rotate-key']) {
      const run = await cli([command]);
      expect({ command, code: run.code }).toEqual({ command, code: 2 });
      expect(run.err).toMatch(/--yes/);
    }
    const writes = emulator()
      .requests()
      .slice(seen)
      .filter(isWrite)
      .map((r) => `${r.method} ${r.path} ${r.soapOperation ?? ''}`);
    expect(writes).toEqual([]);
    expect(orgNow()).toEqual(before);
  });
});

describe('the plan before Turn on, from the CLI', () => {
  it(
    '--dry-run names the app, the user, the permission set, licences, OAuth settings and the certificate in words; --json prints the plan',
    {
      timeout: 60_000,
    },
    async () => {
      await login();
      const words = await cli(['enable', '--dry-run']);
      expect(words.code).toBe(0);
      expect(words.out).toContain(`Turn on would, in org ${emulator().orgId}:`);
      for (const named of [
        /^ {2}- Create the External Client App: Sales Agent external client app \(Sales_Agent_ECA\)$/m,
        /^ {2}- Create the integration user: sales-agent\.\w+@\S+$/m,
        /^ {2}- Create the permission set: Sales Agent permission set \(Sales_Agent_Permission_Set\)$/m,
        /^ {2}- Uses one Salesforce Integration user licence \(\d+ free now\)$/m,
        /^ {2}- Uses one SalesforceAPIIntegrationPsl permission set licence \(\d+ free now\)$/m,
        /^ {2}- OAuth: JWT bearer, scopes api; pre-authorised users: holders of Sales_Agent_Permission_Set; IP restrictions: \w+$/m,
        /^ {2}- Certificate valid for \d+ days, until \d{4}-\d\d-\d\d$/m,
        // One line per object with its fields, as Setup shows a permission set.
        /^ {2}- Grant Account: Read$/m,
        /^ {2}- Grant Contact: Read; fields: [\w, ]+ \(Read\)$/m,
        // Before anything is created: what the agent will see with this access.
        /^ {2}- The agent will see \d+ of \d+ Account records: /m,
      ])
        expect(words.out).toMatch(named);
      // Words, not the engine's step ids (the ones that are not also plain words).
      for (const id of stepIds.filter((s) => /[A-Z]/.test(s))) expect(words.out).not.toMatch(new RegExp(`\\b${id}\\b`));

      const json = await cli(['enable', '--dry-run', '--json']);
      expect(json.code).toBe(0);
      const { plan } = jsonResult(json.out) as { plan: { kind: string; orgId: string; summary: string[] } };
      expect(plan).toMatchObject({ kind: 'enable', orgId: emulator().orgId });
      expect(plan.summary.length).toBeGreaterThan(3);
      expect(emulator().state().externalClientApps).toEqual([]);
    },
  );
});

describe('one owner per connection', () => {
  it(
    'a second install is refused an org another install connected; the first install keeps its app and key',
    { timeout: 180_000 },
    async () => {
      await login();
      const first = enableOutput((await cli(['enable', '--yes', '--json'])).out);
      expect(first.status).toBe('connected');
      const consumerKey = first.details?.app.consumerKey;

      const { predicted, second } = await asAnotherInstall(async () => {
        await login();
        // The dry run already names the refusal the run meets, and how to take over.
        const dry = await cli(['enable', '--dry-run', '--json']);
        return {
          predicted: { code: dry.code, result: jsonResult(dry.out) as { refusals: { code: string; action?: string }[] } },
          second: await cli(['enable', '--yes']),
        };
      });
      expect(predicted.code).toBe(1);
      expect(predicted.result.refusals).toEqual([expect.objectContaining({ code: 'CONNECTION_OWNED_ELSEWHERE', action: 'takeOver' })]);
      expect(second.code).toBe(1);
      expect(second.err).toContain("Another Agent Connections install manages this agent's connection in this org.");
      // The first install's app, and so the agent's key, is untouched.
      expect(emulator().state().externalClientApps).toHaveLength(1);
      const status = await cli(['status', '--json']);
      expect(enableOutput(status.out).details?.app.consumerKey).toBe(consumerKey);
    },
  );
});
