import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { emulatorLoginArgs } from '../../bench/emulator-cli';
import { startEmulator, type StartedEmulator } from '../../packages/salesforce-emulator/index';
import type { CliCommand, CliIo } from '../../main/cli/command';
import { runCli } from '../../main/cli/run';
import { emulatorAdminAuth } from './connection/emulator-session';
import { TEST_VAULT_PASSPHRASE } from './cli-vault';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export type RunCliFn = (args: string[], env?: Record<string, string>, interrupted?: () => Promise<void>) => Promise<CliRun>;

/** Runs the CLI with `commands` in this process, its output captured; Ctrl+C only when `interrupted` says so. */
export function cliRunner(commands: readonly CliCommand[]): RunCliFn {
  return async (args, env = {}, interrupted = () => new Promise(() => undefined)) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CliIo = {
      out: (l) => out.push(l),
      err: (l) => err.push(l),
      env: { AGENT_CONNECTIONS_VAULT_PASSPHRASE: TEST_VAULT_PASSPHRASE, ...process.env, ...env },
      interrupted,
    };
    const code = await runCli(args, io, [...commands]);
    return { code, out: out.join('\n'), err: err.join('\n') };
  };
}

/**
 * Signs the CLI in to `emulator` as its admin (under `profile` when given) with `token`, or a
 * fresh admin token; returns the run and the token, which some tests revoke or compare against.
 */
export async function loginCli(
  cli: RunCliFn,
  emulator: StartedEmulator,
  options: { profile?: string; token?: string } = {},
): Promise<CliRun & { token: string }> {
  const token = options.token ?? (await (await emulatorAdminAuth(emulator)).session()).connection.accessToken ?? '';
  return { ...(await cli(emulatorLoginArgs(emulator, options.profile), { SF_ACCESS_TOKEN: token })), token };
}

/** A fresh emulator and data directory per test, and a way to run the CLI with `commands` against them. */
export function cliAgainstEmulator(commands: readonly CliCommand[]): {
  emulator(): StartedEmulator;
  cli(args: string[], env?: Record<string, string>): Promise<CliRun>;
} {
  let emulator: StartedEmulator | undefined;
  let dir = '';
  beforeEach(async () => {
    emulator = await startEmulator();
    dir = mkdtempSync(join(tmpdir(), 'agent-connections-cli-'));
    process.env.AGENT_CONNECTIONS_DATA_DIR = join(dir, 'data');
  });
  afterEach(async () => {
    await emulator?.stop();
    rmSync(dir, { recursive: true, force: true });
    delete process.env.AGENT_CONNECTIONS_DATA_DIR;
  });
  const cli = cliRunner(commands);
  return {
    emulator: () => {
      if (!emulator) throw new Error('the emulator starts before each test');
      return emulator;
    },
    cli: (args, env) => cli(args, env),
  };
}
