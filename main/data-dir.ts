import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * AGENT_CONNECTIONS_DATA_DIR isolates tests, the CLI and browser mode from an admin's real data.
 * The desktop app's default is Electron's userData; headless hosts use the same folder name.
 */
export function dataDirFromEnv(fallback: () => string): string {
  const fromEnv = process.env.AGENT_CONNECTIONS_DATA_DIR;
  return fromEnv && fromEnv.trim() !== '' ? fromEnv : fallback();
}

/**
 * The demo's own data folder, beside the real one: the demo org's profile, journal and audit log
 * never land among the admin's real org profiles (AGENT_CONNECTIONS_DATA_DIR still wins).
 */
export function demoDataDir(): string {
  return dataDirFromEnv(() => join(dirname(headlessDefaultDataDir()), 'Agent Connections (demo)'));
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
