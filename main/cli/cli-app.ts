import { chmodSync } from 'node:fs';
import { basename } from 'node:path';
import { createApp, type App } from '../app';
import { writeExportFile } from '../export/safe-write';
import { createHeadlessHost } from '../headless-host';
import { createLogger } from '../log';
import type { FileSaver } from '../host-seams';
import { createPassphraseVault } from '../store/passphrase-vault';
import type { CliIo } from './cli-io';
import { launchSystemBrowser } from './open-browser';
import { moveClearEntries, VAULT_PASSPHRASE_ENV, vaultPassphrase } from './vault-passphrase';

export interface CliAppOptions {
  /** false for `--no-browser`: the URL is printed for the user to open. */
  launchBrowser?: boolean;
  /** A data directory other than AGENT_CONNECTIONS_DATA_DIR's (the conformance run keeps its own). */
  dataDir?: string;
  /** `--activation-timeout-minutes N`: this run's wait for Salesforce, instead of the setting. */
  activationTimeoutMinutes?: number;
  /** The vault's passphrase other than the admin's (the conformance run's throw-away data directory). */
  vaultPassphrase?: () => Promise<string>;
}

export interface CliApp {
  app: App;
  dataDir: string;
  /** How the secrets are kept, said plainly at sign-in: no OS key store, a passphrase-derived key. */
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
 * The app's services as the CLI runs them: plain files under the data directory, and the secrets
 * (session, the agent's key) encrypted with a key derived from the admin's passphrase, since plain
 * Node has no OS key store; in the CLI's own vault file, never the desktop app's.
 */
export async function startCliApp(io: CliIo, options: CliAppOptions = {}): Promise<CliApp> {
  let vaultPath = '';
  let vault: ReturnType<typeof createPassphraseVault> | undefined;
  const host = createHeadlessHost({
    host: 'desktop',
    vault: (stores) =>
      (vault = createPassphraseVault(stores, {
        passphrase: options.vaultPassphrase ?? vaultPassphrase(io.env),
        restrictFile: (path) => {
          vaultPath = path;
          chmodSync(path, 0o600);
        },
      })),
    files: saveToWorkingDirectory,
    launch: options.launchBrowser === false ? null : launchSystemBrowser,
    log: createLogger((line) => line.level !== 'info' && io.err(`${line.level}: ${line.message}`)),
    dataDir: options.dataDir,
  });
  // A wrong passphrase stops the command here, before anything reads the vault.
  await vault?.unlock();
  await moveClearEntries(host.stores, host.vault);
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
      return `Note: no OS key store is available to the command line, so the session and the agent's private key are encrypted with a key derived (scrypt) from your vault passphrase (${VAULT_PASSPHRASE_ENV} or typed), in a file only you can read${vaultPath ? ` (${vaultPath})` : ` under ${host.dataDir}`}. Without the passphrase they cannot be opened.`;
    },
  };
}
