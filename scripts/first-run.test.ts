import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = import.meta.dirname;

async function outcome(command: string, args: string[], env: NodeJS.ProcessEnv = process.env) {
  return run(command, args, { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (failure: { code: number; stdout: string; stderr: string }) => ({ code: failure.code, stdout: failure.stdout, stderr: failure.stderr }),
  );
}

const headless = (): NodeJS.ProcessEnv => {
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  return env;
};

describe('the Node version guard every npm script runs first', () => {
  it('stops an old Node with one line that says what to do, and exit 1', async () => {
    const result = await outcome(process.execPath, [join(here, 'check-node.cjs'), 'v20.11.1']);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split('\n')).toEqual([
      expect.stringContaining('Agent Connections needs Node 22.12 or newer; you have v20.11.1.'),
    ]);
    expect(result.stderr).toContain('scripts/with-node22.sh');
  });

  it('treats Node 22 before 22.12 as too old and lets 22.12 and newer through silently', async () => {
    expect((await outcome(process.execPath, [join(here, 'check-node.cjs'), 'v22.11.0'])).code).toBe(1);
    for (const version of ['v22.12.0', 'v24.1.0']) {
      expect(await outcome(process.execPath, [join(here, 'check-node.cjs'), version])).toEqual({ code: 0, stdout: '', stderr: '' });
    }
  });
});

describe('the quick start scripts, as a dry run', () => {
  const copies: string[] = [];
  afterEach(() => copies.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  /** A fresh clone as far as the scripts can tell: scripts and lockfile, no node_modules. */
  function freshClone(): string {
    const dir = mkdtempSync(join(tmpdir(), 'agent-connections-clone-'));
    copies.push(dir);
    cpSync(here, join(dir, 'scripts'), { recursive: true });
    cpSync(join(here, '..', 'package.json'), join(dir, 'package.json'));
    writeFileSync(join(dir, 'package-lock.json'), '{}');
    return dir;
  }

  it('try.sh installs dependencies on a fresh clone and starts browser mode with its reason where there is no display', async () => {
    const clone = freshClone();
    const result = await outcome(join(clone, 'scripts', 'try.sh'), ['--dry-run'], headless());
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dependencies: node_modules is missing; would run npm ci');
    expect(result.stdout).toContain('Start: browser mode on the demo org, because there is no display here');
    expect(result.stdout).toContain('Would run: npm run web -- --demo');
  });

  it('try.sh --web picks browser mode even where a display is', async () => {
    const result = await outcome(join(here, 'try.sh'), ['--web', '--dry-run'], { ...process.env, DISPLAY: ':0' });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Would run: npm run web -- --demo');
  });

  it('test.sh finds an installed clone ready and would run the whole suite', async () => {
    const clone = freshClone();
    mkdirSync(join(clone, 'node_modules'));
    writeFileSync(join(clone, 'node_modules', '.package-lock.json'), '{}');
    const result = await outcome(join(clone, 'scripts', 'test.sh'), ['--dry-run'], { ...process.env, CHROMIUM_PATH: process.execPath });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Node: ${process.version}`);
    expect(result.stdout).toContain('Dependencies: up to date');
    expect(result.stdout.trim().split('\n').at(-1)).toBe('== Would run: npm test');
  });

  it('refuses an unknown option with its usage and exit 2', async () => {
    const result = await outcome(join(here, 'test.sh'), ['--fast']);
    expect(result).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: scripts/test.sh') });
  });
});
