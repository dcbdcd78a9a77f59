import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'npm-link-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('agent-connections from a fresh clone', () => {
  it('is on the PATH after `npm link`, before anything is installed or built, and prints the version', { timeout: 120_000 }, () => {
    // A clone of the committed tree, as a new user gets it: no node_modules, no out/.
    const clone = join(work, 'clone');
    execFileSync('git', ['clone', '--quiet', '--depth', '1', `file://${root}`, clone]);
    // npm link into a prefix of this test's own, so the user's global folder is untouched.
    const prefix = join(work, 'prefix');
    mkdirSync(join(prefix, 'lib'), { recursive: true });
    execFileSync('npm', ['link', '--no-audit', '--no-fund'], {
      cwd: clone,
      env: { ...process.env, npm_config_prefix: prefix },
      stdio: 'pipe',
    });
    const version = execFileSync(join(prefix, 'bin', 'agent-connections'), ['--version'], { encoding: 'utf8' });
    expect(version.trim()).toBe((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
