import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../../main/headless-host';
import { TEST_VAULT_PASSPHRASE } from '../../test/support/cli-vault';

const tsxCli = join(projectRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs');

export interface CliRun {
  readonly stdout: string;
  readonly stderr: string;
  /** The exit code once the command ends. */
  code: Promise<number>;
  /** The first stdout line matching `pattern`, as soon as it is printed. */
  line(pattern: RegExp): Promise<string>;
}

/** A fresh, empty data directory for one CLI user. */
export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'ac-cli-'));
}

/** `npm run cli -- <args>` as a user runs it; SF_ACCESS_TOKEN is cleared unless `env` sets it. */
export function runCli(args: string[], env: Record<string, string>): CliRun {
  const child = spawn(process.execPath, [tsxCli, 'main/cli/index.ts', ...args], {
    cwd: projectRoot,
    env: { AGENT_CONNECTIONS_VAULT_PASSPHRASE: TEST_VAULT_PASSPHRASE, ...process.env, SF_ACCESS_TOKEN: '', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    code: new Promise((resolve) => child.once('exit', (code) => resolve(code ?? -1))),
    line: (pattern) =>
      new Promise((resolve, reject) => {
        const check = () => {
          const found = stdout.split('\n').find((l) => pattern.test(l));
          if (found) resolve(found);
        };
        child.stdout.on('data', check);
        child.once('exit', () => reject(new Error(`The CLI ended without printing ${pattern}:\n${stdout}${stderr}`)));
        check();
      }),
  };
}

/**
 * `login` through the browser sign-in against the emulator: the address is printed instead of a
 * browser opened, and the emulator's OAuth host is no Salesforce host (hence --allow-any-host).
 */
export function browserLoginArgs(loginUrl: string, clientId: string, port: number): string[] {
  return ['login', '--no-browser', '--login-url', loginUrl, '--allow-any-host', '--client-id', clientId, '--port', String(port)];
}
