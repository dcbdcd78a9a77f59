import { chmodSync } from 'node:fs';
import { basename } from 'node:path';
import { createApp, type App } from '../app';
import { writeExportFile } from '../export/safe-write';
import { createHeadlessHost } from '../headless-host';
import { createLogger } from '../log';
import type { FileSaver } from '../host-seams';
import { createFileVault } from '../store/vault';
import type { CliIo } from './cli-io';
import { launchSystemBrowser } from './open-browser';

export interface CliAppOptions {
  /** false for `--no-browser`: the URL is printed for the user to open. */
  launchBrowser?: boolean;
  /** A data directory other than AGENT_CONNECTIONS_DATA_DIR's (the conformance run keeps its own). */
  dataDir?: string;
  /** `--activation-timeout-minutes N`: this run's wait for Salesforce, instead of the setting. */
  activationTimeoutMinutes?: number;
}

export interface CliApp {
  app: App;
  dataDir: string;
  /** Where the session is kept, said once where it is not encrypted. */
  storageNotice: string;
}

/** Exports land in the working directory, readable only by the user. */
const saveToWorkingDirectory: FileSaver = {
  async save(file) {
    // The name carries org data (its id): only ever a name, never a path out of the folder.
    return { kind: 'saved', path: await writeExportFile(basename(file.fileName), file.content) };
  },
};

/**
 * The app's services as the CLI runs them: plain files under the data directory, and a session
 * vault in a file only this OS user can read, since plain Node has no OS key store to encrypt with.
 */
export async function startCliApp(io: CliIo, options: CliAppOptions = {}): Promise<CliApp> {
  let vaultPath = '';
  const host = createHeadlessHost({
    host: 'desktop',
    vault: (stores) =>
      createFileVault(stores, (path) => {
        vaultPath = path;
        chmodSync(path, 0o600);
      }),
    files: saveToWorkingDirectory,
    launch: options.launchBrowser === false ? null : launchSystemBrowser,
    log: createLogger((line) => line.level !== 'info' && io.err(`${line.level}: ${line.message}`)),
    dataDir: options.dataDir,
  });
  // One command per process: a connection left waiting resumes on `resume`, never behind another command.
  const app = createApp({
    ...host,
    activationTimeoutMinutes: options.activationTimeoutMinutes,
    resumesWaitingRuns: false,
    stepUp: 'liveSession',
  });
  await app.auth.ready();
  return {
    app,
    dataDir: host.dataDir,
    get storageNotice() {
      return `Note: no OS key store is available to the command line, so the session is kept unencrypted in a file only you can read${vaultPath ? ` (${vaultPath})` : ` under ${host.dataDir}`}.`;
    },
  };
}
