import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type ElectronApplication } from '@playwright/test';
import { startEmulator, type EmulatorOptions, type StartedEmulator, completeEmulatorLogin } from '../../packages/salesforce-emulator/index';
import type { JourneyHost } from '../support/journey-host';
import { launchApp } from './electron-app';

export interface ElectronJourney {
  emulator: StartedEmulator;
  app: ElectronApplication;
  host: JourneyHost;
  stop(): Promise<void>;
}

/** What the test put in place of the system browser and the save dialog, kept in main's global scope. */
interface StandIns {
  openedUrls: string[];
  savedPaths: string[];
}

/**
 * The desktop app against a fresh emulated org, with the "Demo org" profile active (its default
 * callback, localhost:1717, is the one the emulator trusts). The system browser and the save dialog
 * are the only things replaced: shell.openExternal records the authorize URL for the test to complete,
 * and dialog.showSaveDialog answers with a file in a temporary folder.
 */
export async function startElectronJourney(options: Pick<EmulatorOptions, 'activationDelayMs'> = {}): Promise<ElectronJourney> {
  const emulator = await startEmulator({ seed: 'empty', activationDelayMs: options.activationDelayMs ?? 0 });
  const app = await launchApp({ AGENT_CONNECTIONS_DEMO_LOGIN_URL: emulator.instanceUrl });
  const saveDir = mkdtempSync(join(tmpdir(), 'ac-electron-exports-'));
  await app.evaluate(({ shell, dialog }, folder) => {
    const standIns: StandIns = { openedUrls: [], savedPaths: [] };
    Object.assign(globalThis, { standIns });
    Object.assign(shell, {
      openExternal: (url: string) => {
        standIns.openedUrls.push(url);
        return Promise.resolve();
      },
    });
    Object.assign(dialog, {
      showSaveDialog: (...args: unknown[]) => {
        const options = args.find((a): a is { defaultPath?: string } => typeof a === 'object' && a !== null && 'defaultPath' in a);
        const filePath = `${folder}/${options?.defaultPath?.split(/[\\/]/).pop() ?? 'export'}`;
        standIns.savedPaths.push(filePath);
        return Promise.resolve({ canceled: false, filePath });
      },
    });
  }, saveDir);
  const page = await app.firstWindow();
  const standIns = () => app.evaluate(() => (globalThis as unknown as { standIns: StandIns }).standIns);

  const host: JourneyHost = {
    page,
    emulator,
    async signInWith(press) {
      const before = (await standIns()).openedUrls.length;
      await press();
      await expect.poll(async () => (await standIns()).openedUrls.length).toBeGreaterThan(before);
      const authorizeUrl = (await standIns()).openedUrls[before] ?? '';
      await completeEmulatorLogin(authorizeUrl, emulator.admin);
    },
    async exportWith(choose) {
      const before = (await standIns()).savedPaths.length;
      await choose();
      await expect.poll(async () => (await standIns()).savedPaths.length).toBeGreaterThan(before);
      const path = (await standIns()).savedPaths[before] ?? '';
      // The app says where it saved the file once it is written.
      await expect(page.getByText(path)).toBeVisible();
      return { fileName: path.split('/').pop() ?? '', content: await readFile(path, 'utf8') };
    },
  };
  return {
    emulator,
    app,
    host,
    async stop() {
      await app.close();
      await emulator.stop();
    },
  };
}
