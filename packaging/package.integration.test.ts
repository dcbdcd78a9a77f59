import { spawnSync } from 'node:child_process';
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
  packaged = await packApp(root);
}, 300_000);

describe("the installers' app.asar, packaged as a release build is", () => {
  it('holds the built app and its runtime dependencies, starts at out/main/index.js, and nothing else', () => {
    const expected = expectedFromProject(root, filesUnder(root, 'out'));
    expect(expected.builtFiles).toEqual(expect.arrayContaining(['out/main/index.js', 'out/preload/index.cjs', 'out/renderer/index.html']));
    expect(packageProblems(packaged, expected)).toEqual([]);
  });
});
