import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, test, type ElectronApplication } from '@playwright/test';
import { electronBinary, SKIP_REASON } from './electron-binary';

/** Call at the top of every Electron spec: skips the file, and says why once in the run's output. */
export function requireElectron(): void {
  test.skip(electronBinary() === null, SKIP_REASON);
}

/** The built app (out/) in real Electron, with an isolated data directory and optional extra env. */
export function launchApp(env: Record<string, string> = {}): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: electronBinary() ?? 'electron',
    args: ['.'],
    env: { ...process.env, AGENT_CONNECTIONS_DATA_DIR: mkdtempSync(join(tmpdir(), 'ac-electron-')), ...env },
  });
}
