import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { SchedulerFile, WatchPlatform } from './scheduler-files';

/**
 * Everything `watch` touches outside the data directory, behind one seam: the real one installs
 * into the user's own scheduler; tests pass one over a temp folder that records commands instead.
 */
export interface WatchHost {
  platform: WatchPlatform | null;
  home: string;
  /** The installed CLI as the scheduler must start it; null when this process is not the installed command. */
  cliCommand(): string[] | null;
  writeFile(file: SchedulerFile): Promise<void>;
  removeFile(path: string): Promise<void>;
  /** Resolves with the exit code; never rejects for a missing program (-1). */
  exec(argv: string[]): Promise<number>;
  post(url: string, body: unknown): Promise<number>;
}

const platformOf = (platform: NodeJS.Platform): WatchPlatform | null =>
  platform === 'linux' || platform === 'darwin' || platform === 'win32' ? platform : null;

/** The bundled CLI (out/cli/agent-connections.mjs or the app's resources/bin) under the Node that runs it now. */
function installedCli(): string[] | null {
  const script = process.argv[1];
  if (!script || !/\.(mjs|cjs|js)$/.test(script)) return null;
  return [process.execPath, resolve(script)];
}

export const systemWatchHost: WatchHost = {
  platform: platformOf(process.platform),
  home: homedir(),
  cliCommand: installedCli,
  async writeFile(file) {
    await mkdir(dirname(file.path), { recursive: true });
    await writeFile(file.path, file.content, { encoding: file.encoding, mode: 0o600 });
  },
  async removeFile(path) {
    await rm(path, { force: true });
  },
  exec(argv) {
    const [program, ...args] = argv;
    if (!program) return Promise.resolve(-1);
    return new Promise((done) => {
      const child = spawn(program, args, { stdio: 'ignore' });
      child.on('error', () => done(-1));
      child.on('exit', (code) => done(code ?? -1));
    });
  },
  async post(url, body) {
    const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    return response.status;
  },
};
