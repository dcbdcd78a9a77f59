import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FaultSpec } from '../../../packages/salesforce-emulator/index';
import type { StepId } from '../../../common';
import { createConfStoreFactory } from '../../store/conf-store';
import { createJournal } from '../../store/journal';
import { testCliVault } from '../../../test/support/cli-vault';
import { describeOrg } from '../../../test/support/connection/emulator-session';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { ourLeftovers } from '../../../test/support/connection/org-state';

let harness: Harness | undefined;
let child: ChildProcess | undefined;
let dataDir = '';
afterEach(async () => {
  child?.kill('SIGKILL');
  await harness?.emulator.stop();
  harness = undefined;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/**
 * Each kill point: the request the child is stuck in (held by the emulator) when the journal shows the
 * step. Composites in order: the plan's look at the org, its visibility forecast (two: the default
 * profile's objects take more than five queries), the run's own look, the setup, then verification.
 */
const killPoints: { step: StepId; hold: Omit<FaultSpec, 'respond'> }[] = [
  { step: 'permissionSet', hold: { method: 'POST', path: '/composite$', nth: 5 } },
  { step: 'app', hold: { soapOperation: 'createMetadata', nth: 1 } },
  { step: 'app', hold: { soapOperation: 'createMetadata', nth: 2 } },
  // The global OAuth settings carry the consumer key the app chose (fact ECA-CONSUMER-KEY-CHOICE): nothing read back.
  { step: 'app', hold: { soapOperation: 'createMetadata', nth: 3 } },
  { step: 'app', hold: { soapOperation: 'upsertMetadata', nth: 1 } },
  { step: 'app', hold: { soapOperation: 'upsertMetadata', nth: 2 } },
  { step: 'activation', hold: { method: 'POST', path: '/services/oauth2/token$', nth: 1 } },
  { step: 'verification', hold: { method: 'POST', path: '/composite$', nth: 6 } },
];

async function killWhileIn(h: Harness, step: StepId, hold: Omit<FaultSpec, 'respond'>): Promise<void> {
  h.emulator.addFault({ ...hold, respond: { delayMs: 1_500 } });
  const token = (await h.session()).connection.accessToken ?? '';
  child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../../test/support/connection/enable-child.ts')], {
    env: {
      ...process.env,
      AGENT_CONNECTIONS_DATA_DIR: dataDir,
      EMULATOR_ORG: JSON.stringify(describeOrg(h.emulator)),
      ADMIN_ACCESS_TOKEN: token,
    },
    stdio: 'ignore',
  });
  const journal = createJournal(createConfStoreFactory(dataDir));
  const deadline = Date.now() + 90_000;
  while (!journal.current()?.steps.some((s) => s.id === step && s.status === 'started')) {
    if (Date.now() > deadline) throw new Error(`the child never reached ${step}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const exited = new Promise((r) => child?.once('exit', r));
  child.kill('SIGKILL');
  await exited;
  // Let the held request finish on the emulator side, as a real org would after the client died. The
  // child may also have died before sending it; so wait until it is in the request log, or until the
  // log has been quiet for longer than the hold (a fixed sleep lost this race on a loaded machine).
  let seen = h.emulator.requests().length;
  let quietSince = Date.now();
  while (matching(h, hold) < (hold.nth ?? 1) && Date.now() - quietSince < 2_500) {
    await new Promise((r) => setTimeout(r, 20));
    const now = h.emulator.requests().length;
    if (now !== seen) [seen, quietSince] = [now, Date.now()];
  }
}

function matching(h: Harness, hold: Omit<FaultSpec, 'respond'>): number {
  return h.emulator
    .requests()
    .filter(
      (r) =>
        (hold.method === undefined || r.method === hold.method) &&
        (hold.path === undefined || new RegExp(hold.path).test(r.path)) &&
        (hold.soapOperation === undefined || r.soapOperation === hold.soapOperation),
    ).length;
}

// A real child process per case: slower than the rest (process start-up), hence the longer timeout.
describe('a process killed in the middle of a step', { timeout: 60_000 }, () => {
  for (const { step, hold } of killPoints) {
    const request = hold.soapOperation ? ` (${hold.soapOperation} #${hold.nth ?? 1})` : '';
    for (const choice of ['resume', 'rollback'] as const) {
      it(`killed during ${step}${request}: after restart the run is interrupted, and ${choice} ends clean`, async () => {
        dataDir = mkdtempSync(join(tmpdir(), 'agent-connections-kill-'));
        const stores = createConfStoreFactory(dataDir);
        harness = await startHarness({}, { stores, vault: testCliVault(stores) });
        await killWhileIn(harness, step, hold);

        const restarted = harness.restart();
        const interrupted = restarted.connection.state();
        expect(interrupted.status).toBe('interrupted');
        expect(interrupted.error?.code).toBe('INTERRUPTED_RUN');

        await (choice === 'resume' ? restarted.connection.planAndRun('resume') : restarted.connection.planAndRun('rollback'));
        const end = await restarted.connection.settled();
        const org = harness.emulator.state();
        if (choice === 'resume') {
          expect(end.error).toBeUndefined();
          expect(end.status).toBe('connected');
          expect(org.externalClientApps).toHaveLength(1);
          expect(org.users.filter((u) => u.Username.endsWith('.agent-connections.invalid'))).toHaveLength(1);
          expect(org.permissionSets.filter((p) => p.Name === 'Sales_Agent_Permission_Set')).toHaveLength(1);
        } else {
          expect(end.status).toBe('off');
          expect(ourLeftovers(org)).toEqual([]);
        }
        expect(createJournal(stores).current()).toBeNull();
      });
    }
  }
});
