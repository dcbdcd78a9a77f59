import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Host } from './app';
import { dataDirFromEnv, headlessDefaultDataDir } from './data-dir';
import { consoleLogger, type Logger } from './log';
import { appVersion } from './version';
import { createGuardedOpener, overrideOrigins } from './security/open-external';
import { createEventHub, type EventHub } from './transport/event-hub';
import type { FileSaver } from './host-seams';
import { createConfStoreFactory } from './store/conf-store';
import { createSettingsRepository } from './store/settings-repository';
import type { SecretVault } from './store/vault';

export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export const packageVersion = appVersion;

export interface HeadlessHostOptions {
  host: 'browser' | 'desktop';
  vault: (stores: Host['stores'], dataDir: string) => SecretVault;
  files: FileSaver;
  /** Launches a URL in the system browser; null where the page opens links itself. */
  launch: ((url: string) => Promise<void>) | null;
  log?: Logger;
  dataDir?: string;
}

/** Browser mode and the CLI: plain files under the data directory, no Electron. */
export function createHeadlessHost(options: HeadlessHostOptions): Host & { events: EventHub; dataDir: string } {
  const dataDir = options.dataDir ?? dataDirFromEnv(headlessDefaultDataDir);
  const stores = createConfStoreFactory(dataDir);
  const launch = options.launch;
  // The file is read on each look, so a profile saved by this run counts at once.
  const settings = createSettingsRepository(stores);
  return {
    dataDir,
    info: {
      name: 'Agent Connections',
      version: packageVersion(),
      platform: process.platform,
      locale: Intl.DateTimeFormat().resolvedOptions().locale,
      host: options.host,
    },
    stores,
    vault: options.vault(stores, dataDir),
    files: options.files,
    external: launch
      ? createGuardedOpener(launch, () => overrideOrigins(settings.get().orgProfiles))
      : { open: () => Promise.resolve(false) },
    events: createEventHub(),
    log: options.log ?? consoleLogger(),
    opensBrowser: launch !== null,
  };
}

/** Browser mode hands files to the page, which downloads them. */
export const downloadToPage: FileSaver = {
  save: (file) => Promise.resolve({ kind: 'download', ...file }),
};
