import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIn, startEmulator, type StartedEmulator } from '../packages/salesforce-emulator/index';
import { startCliApp } from '../main/cli/cli-app';
import type { CliIo } from '../main/cli/command';
import { commands } from '../main/cli/commands';
import { runCli } from '../main/cli/run';
import { emulatorLoginArgs } from './emulator-cli';
import { spread } from './stats';
import type { StatusAllResult } from './results';

/** Three orgs, as an admin with production and two sandboxes has them: each answers at its own pace. */
export const STATUS_ALL_LATENCIES_MS = [20, 50, 100];

const io = (lines: string[]): CliIo => ({
  out: (l) => lines.push(l),
  err: (l) => lines.push(l),
  // The CLI's vault needs a passphrase; the bench's data directory is a throw-away one.
  env: { AGENT_CONNECTIONS_VAULT_PASSPHRASE: 'bench vault passphrase', ...process.env },
  interrupted: () => new Promise(() => undefined),
});

async function cli(args: string[]): Promise<void> {
  const lines: string[] = [];
  const code = await runCli(args, io(lines), commands);
  if (code !== 0) throw new Error(`${args.join(' ')} failed: ${lines.join('\n')}`);
}

/** Signs the CLI in to the org under its own profile and turns the connection on there (latency off, so set-up is quick). */
async function connect(emulator: StartedEmulator, name: string): Promise<void> {
  const admin = await signIn(emulator);
  process.env.SF_ACCESS_TOKEN = admin.accessToken ?? '';
  await cli(emulatorLoginArgs(emulator, name));
  delete process.env.SF_ACCESS_TOKEN;
  await cli(['enable', '--yes']);
}

async function timed<T>(work: () => Promise<T>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

/** One round: each org's scheduled check alone, then all of them as `status --all` runs them. */
async function round(): Promise<{ singles: number[]; wall: number }> {
  const { app } = await startCliApp(io([]), { launchBrowser: false });
  const profiles = app.settings.get().orgProfiles;
  const singles: number[] = [];
  for (const profile of profiles) {
    const admin = await app.auth.profileSession(profile.id);
    if (!admin) throw new Error(`${profile.name} has no session`);
    singles.push(await timed(() => app.connection.checkOrg(admin)));
  }
  const wall = await timed(() => app.health.checkAll());
  return { singles, wall };
}

/** `status --all` over three orgs with different latencies: close to the slowest org, not the sum. */
export async function measureStatusAll(runs: number): Promise<StatusAllResult> {
  const dir = mkdtempSync(join(tmpdir(), 'agent-connections-bench-'));
  const previous = process.env.AGENT_CONNECTIONS_DATA_DIR;
  process.env.AGENT_CONNECTIONS_DATA_DIR = join(dir, 'data');
  const emulators = await Promise.all(
    STATUS_ALL_LATENCIES_MS.map((_, i) => startEmulator(i === 0 ? {} : { switches: { orgType: 'sandbox' } })),
  );
  try {
    for (const [i, emulator] of emulators.entries()) await connect(emulator, i === 0 ? 'Production' : `Sandbox ${i}`);
    for (const [i, emulator] of emulators.entries()) emulator.setLatency(STATUS_ALL_LATENCIES_MS[i] ?? 0);
    await round(); // warm-up: the first round pays for module loading and TLS-free socket set-up alike
    for (const emulator of emulators) emulator.clearRequests();
    const measured = [];
    for (let i = 0; i < runs; i++) measured.push(await round());
    const perOrg = emulators.map((e) => e.requests().length / (2 * runs));
    const grants = emulators.map((e) => e.requests().filter((r) => r.path.endsWith('/services/oauth2/token')).length / (2 * runs));
    return {
      latenciesMs: STATUS_ALL_LATENCIES_MS,
      wallMs: spread(measured.map((m) => m.wall)),
      slowestMs: spread(measured.map((m) => Math.max(...m.singles))),
      sumMs: spread(measured.map((m) => m.singles.reduce((a, b) => a + b, 0))),
      requestsPerOrg: Math.max(...perOrg.map((n, i) => n - (grants[i] ?? 0))),
      tokenGrantsPerOrg: Math.max(...grants),
    };
  } finally {
    await Promise.all(emulators.map((e) => e.stop()));
    if (previous === undefined) delete process.env.AGENT_CONNECTIONS_DATA_DIR;
    else process.env.AGENT_CONNECTIONS_DATA_DIR = previous;
    rmSync(dir, { recursive: true, force: true });
  }
}
