import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { startEmulator, type StartedEmulator } from '../../packages/salesforce-emulator';
import type { CliCommand, CliIo } from '../../main/cli/command';
import { runCli } from '../../main/cli/run';

export interface CliRun {
  code: number;
  out: string;
  err: string;
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
  return {
    emulator: () => {
      if (!emulator) throw new Error('the emulator starts before each test');
      return emulator;
    },
    async cli(args, env = {}) {
      const out: string[] = [];
      const err: string[] = [];
      const io: CliIo = {
        out: (l) => out.push(l),
        err: (l) => err.push(l),
        env: { ...process.env, ...env },
        interrupted: () => new Promise(() => undefined),
      };
      const code = await runCli(args, io, [...commands]);
      return { code, out: out.join('\n'), err: err.join('\n') };
    },
  };
}
