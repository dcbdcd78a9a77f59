import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { expectedFromProject, packageProblems, type Packaged } from './asar-contents';
import { filesUnder, packApp } from './pack';

const root = fileURLToPath(new URL('..', import.meta.url));
let packaged: Packaged;

beforeAll(async () => {
  // The package is made from the build, so build first: this test must not pass on a stale out/.
  const built = spawnSync(
    join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'electron-vite.cmd' : 'electron-vite'),
    ['build'],
    { cwd: root, stdio: 'pipe', shell: process.platform === 'win32' },
  );
  if (built.status !== 0) throw new Error(`electron-vite build failed: ${built.stderr.toString()}`);
  const cli = spawnSync(process.execPath, [join(root, 'scripts', 'build-cli.mjs')], { cwd: root, stdio: 'pipe' });
  if (cli.status !== 0) throw new Error(`the CLI bundle failed to build: ${cli.stderr.toString()}`);
  packaged = await packApp(root);
}, 300_000);

describe("the installers' app.asar, packaged as a release build is", () => {
  it('holds the built app and its runtime dependencies, starts at out/main/index.js, and nothing else', () => {
    const expected = expectedFromProject(root, filesUnder(root, 'out'));
    expect(expected.builtFiles).toEqual(expect.arrayContaining(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']));
    expect(packageProblems(packaged, expected)).toEqual([]);
  });

  it('ships the agent-connections command: an executable launcher in resources/bin and the CLI bundle it runs', () => {
    expect(packaged.resources).toEqual(expect.arrayContaining(['bin/agent-connections', 'bin/agent-connections.cmd']));
    expect((packaged.command?.mode ?? 0) & 0o111).not.toBe(0);
    expect(packaged.command?.text).toContain('app.asar.unpacked/out/cli/agent-connections.mjs');
    expect(packaged.files).toContain('/out/cli/agent-connections.mjs');
    // The packaged bundle answers as the command does, with the app's version.
    const dir = mkdtempSync(join(tmpdir(), 'packaged-cli-'));
    const bundle = join(dir, 'agent-connections.mjs');
    writeFileSync(bundle, packaged.cliBundle ?? '');
    const version = spawnSync(process.execPath, [bundle, '--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toBe((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version);
  });
});
