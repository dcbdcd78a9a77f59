import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * AGENT_CONNECTIONS_DATA_DIR isolates tests, the CLI and browser mode from an admin's real data.
 * The desktop app's default is Electron's userData; headless hosts use the same folder name.
 */
export function dataDirFromEnv(fallback: () => string): string {
  const fromEnv = process.env.AGENT_CONNECTIONS_DATA_DIR;
  return fromEnv && fromEnv.trim() !== '' ? fromEnv : fallback();
}

export function headlessDefaultDataDir(): string {
  const base =
    process.platform === 'win32'
      ? (process.env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : process.platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : (process.env.XDG_CONFIG_HOME ?? join(homedir(), '.config'));
  return join(base, 'Agent Connections');
}
