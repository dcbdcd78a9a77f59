/**
 * Packages the app with electron-builder and the project's electron-builder.yml, offline: a stand-in
 * Electron instead of the downloaded one, the unpacked `dir` target (no AppImage, deb or installer
 * tooling to fetch), no native rebuild, no fuses (they are flipped in the real binary) and no signing.
 * What lands in app.asar is decided by the same `files` rules as a release build.
 */
import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { extractFile, listPackage } from '@electron/asar';
import { Arch, build, Platform, type Configuration } from 'electron-builder';
import type { Packaged } from './asar-contents';

function standInElectron(): string {
  const dist = mkdtempSync(join(tmpdir(), 'stand-in-electron-'));
  const binary = join(dist, 'electron');
  writeFileSync(binary, '#!/bin/sh\nexit 0\n');
  chmodSync(binary, 0o755);
  return dist;
}

/** Files under a directory, as paths relative to `root` with forward slashes. */
export function filesUnder(root: string, dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** Packs `projectDir` for Linux (the archive is the same on every platform); `extra` adds to the config. */
export async function packApp(projectDir: string, extra: Configuration = {}): Promise<Packaged> {
  const output = mkdtempSync(join(tmpdir(), 'packaged-app-'));
  const electronDist = standInElectron();
  try {
    const config: Configuration = { ...extra, electronDist, electronFuses: null, npmRebuild: false, directories: { output } };
    await build({ projectDir, targets: Platform.LINUX.createTarget('dir', Arch.x64), publish: 'never', config });
    const resources = join(output, 'linux-unpacked', 'resources');
    const archive = join(resources, 'app.asar');
    const manifest = JSON.parse(extractFile(archive, 'package.json').toString('utf8')) as { main?: string };
    const command = join(resources, 'bin', 'agent-connections');
    const bundle = join(resources, 'app.asar.unpacked', 'out', 'cli', 'agent-connections.mjs');
    return {
      files: listPackage(archive, { isPack: false }),
      main: manifest.main,
      resources: filesUnder(resources, '.').filter((f) => !f.startsWith('app.asar')),
      ...(existsSync(bundle) && { cliBundle: readFileSync(bundle, 'utf8') }),
      ...(existsSync(command) && { command: { text: readFileSync(command, 'utf8'), mode: statSync(command).mode } }),
    };
  } finally {
    for (const dir of [output, electronDist]) rmSync(dir, { recursive: true, force: true });
  }
}
