/**
 * Start-up of the command line, side by side in one run: our `version` and `status --json` (against
 * the emulator, with a stored session and a connection to check), and the Salesforce CLI's
 * `sf --version`, each started anew `runs` times (a new process each: a cold start of the program,
 * with the operating system's file cache warm, as for a cron job's second run).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator, signIn, type StartedEmulator } from '../packages/salesforce-emulator/index';
import { buildCli, cliBundle } from '../scripts/build-cli.mjs';
import { emulatorLoginArgs } from './emulator-cli';
import { spread } from './stats';
import type { StartupResult } from './results';

/** The Salesforce CLI from the npm registry, cached per user as scripts/with-node22.sh caches Node 22. */
export function salesforceCli(say: (line: string) => void): string {
  const dir = process.env.SF_CLI_DIR ?? join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'sf-cli');
  const bin = join(dir, 'node_modules', '.bin', 'sf');
  if (existsSync(bin)) return bin;
  say(`installing the Salesforce CLI (@salesforce/cli) into ${dir} ...`);
  const installed = spawnSync(
    'npm',
    ['install', '--prefix', dir, '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '@salesforce/cli'],
    {
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  if (installed.status !== 0 || !existsSync(bin)) throw new Error('npm could not install @salesforce/cli');
  return bin;
}

interface Timed {
  ms: number;
  stdout: string;
}

/** Runs a command to its end without blocking this process: the emulator it talks to answers from here. */
function timed(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<Timed> {
  const started = process.hrtime.bigint();
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (code === 0) resolve({ ms, stdout });
      else reject(new Error(`${command} ${args.join(' ')} exited ${String(code)}: ${stderr}`));
    });
  });
}

/** A data directory signed in to `emulator` with a connection turned on, through the bundle itself. */
async function connectedDataDir(emulator: StartedEmulator): Promise<NodeJS.ProcessEnv> {
  // The CLI's vault is encrypted under a passphrase (no OS key store here): status pays for opening it, as a user's cron job would.
  const env = {
    ...process.env,
    AGENT_CONNECTIONS_DATA_DIR: mkdtempSync(join(tmpdir(), 'bench-startup-')),
    AGENT_CONNECTIONS_VAULT_PASSPHRASE: 'bench vault passphrase 2026',
    NO_COLOR: '1',
  };
  const token = (await signIn(emulator)).accessToken ?? '';
  await timed(process.execPath, [cliBundle, ...emulatorLoginArgs(emulator)], { ...env, SF_ACCESS_TOKEN: token });
  await timed(process.execPath, [cliBundle, 'enable', '--yes', '--json'], env);
  return env;
}

export async function measureStartup(runs: number, say: (line: string) => void): Promise<StartupResult> {
  say('building the CLI bundle ...');
  await buildCli();
  const sf = salesforceCli(say);
  const emulator = await startEmulator({ seed: 'demo' });
  const env = await connectedDataDir(emulator);
  try {
    const ours: number[] = [];
    const status: number[] = [];
    const org: number[] = [];
    const theirs: number[] = [];
    let sfVersion = '';
    // Interleaved, so a busy moment of the machine falls on all three alike.
    for (let i = 0; i < runs; i++) {
      ours.push((await timed(process.execPath, [cliBundle, 'version'], env)).ms);
      emulator.clearRequests();
      status.push((await timed(process.execPath, [cliBundle, 'status', '--json'], env)).ms);
      org.push(emulator.requests().reduce((sum, r) => sum + r.durationMs, 0));
      const version = await timed(sf, ['--version'], { ...process.env, SF_DISABLE_TELEMETRY: 'true', SF_AUTOUPDATE_DISABLE: 'true' });
      theirs.push(version.ms);
      sfVersion = version.stdout.trim().split('\n')[0] ?? '';
    }
    return {
      runs,
      version: spread(ours),
      statusJson: spread(status),
      statusOrgMs: spread(org),
      sfVersion: spread(theirs),
      sfVersionText: sfVersion,
    };
  } finally {
    await emulator.stop();
    rmSync(env.AGENT_CONNECTIONS_DATA_DIR ?? '', { recursive: true, force: true });
  }
}
