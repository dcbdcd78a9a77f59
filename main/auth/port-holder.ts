import { execFile } from 'node:child_process';
import { readdir, readFile, readlink } from 'node:fs/promises';
import { createServer } from 'node:net';

/** The program listening on a port, as far as the operating system tells this user. */
export interface PortHolder {
  pid: number;
  /** The executable's name, e.g. `node` or `sf`. */
  name: string;
  /** What an admin knows the program as, where we recognise it. */
  knownAs?: string;
}

const LOOKUP_TIMEOUT_MS = 2_000;

/**
 * Best effort: only an error message waits on this, so it gives up after two seconds and answers
 * null on anything unexpected rather than failing the error it decorates. Other users' processes stay
 * hidden without admin rights, which is fine: the message then just names the port.
 */
export async function findPortHolder(port: number, timeoutMs = LOOKUP_TIMEOUT_MS): Promise<PortHolder | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), timeoutMs)));
  try {
    const found = await Promise.race([lookup(port, timeoutMs).catch(() => null), timeout]);
    return found && { ...found, ...recognise(found) };
  } finally {
    clearTimeout(timer);
  }
}

/** "sf (the Salesforce CLI, process 4242)" or "python3 (process 77)". */
export function describePortHolder(holder: PortHolder): string {
  return `${holder.name} (${holder.knownAs ? `${holder.knownAs}, ` : ''}process ${holder.pid})`;
}

function lookup(port: number, timeoutMs: number): Promise<Omit<PortHolder, 'knownAs'> | null> {
  switch (process.platform) {
    case 'linux':
      return fromProc(port);
    case 'darwin':
      return fromLsof(port, timeoutMs);
    case 'win32':
      return fromNetstat(port, timeoutMs);
    default:
      return Promise.resolve(null);
  }
}

/** /proc/net/tcp{,6} name the listening socket's inode; the process holding it has it among its fds. */
async function fromProc(port: number): Promise<Omit<PortHolder, 'knownAs'> | null> {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(table, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      const localPort = Number.parseInt(cols[1]?.split(':')[1] ?? '', 16);
      if (localPort === port && cols[3] === '0A' /* LISTEN */ && cols[9]) inodes.add(`socket:[${cols[9]}]`);
    }
  }
  if (inodes.size === 0) return null;
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const fds = await readdir(`/proc/${entry}/fd`).catch(() => [] as string[]);
    for (const fd of fds) {
      const target = await readlink(`/proc/${entry}/fd/${fd}`).catch(() => '');
      if (!inodes.has(target)) continue;
      const name = (await readFile(`/proc/${entry}/comm`, 'utf8').catch(() => '')).trim();
      const args = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0').filter(Boolean);
      console.log('DBG', JSON.stringify(name), JSON.stringify(args));
      return { pid: Number(entry), name: programName(name, args) };
    }
  }
  return null;
}

/** Node-based tools, the Salesforce CLI among them, run as `node`; their script path says which. */
function programName(executable: string, args: string[]): string {
  const script = executable === 'node' ? (args[1] ?? '') : '';
  if (/[\\/]sf(dx)?$/.test(script) || /@salesforce[\\/]cli|[\\/]sf[\\/]bin[\\/]/.test(script)) return 'sf';
  return executable || 'unknown';
}

async function fromLsof(port: number, timeoutMs: number): Promise<Omit<PortHolder, 'knownAs'> | null> {
  // -F pc: one field per line, `p<pid>` then `c<command>`.
  const out = await run('lsof', ['-nP', `-iTCP:${port}`, '-sTCP:LISTEN', '-Fpc'], timeoutMs);
  const pid = /^p(\d+)$/m.exec(out)?.[1];
  const name = /^c(.+)$/m.exec(out)?.[1];
  return pid && name ? { pid: Number(pid), name } : null;
}

async function fromNetstat(port: number, timeoutMs: number): Promise<Omit<PortHolder, 'knownAs'> | null> {
  const out = await run('netstat', ['-ano', '-p', 'TCP'], timeoutMs);
  const row = out.split(/\r?\n/).find((line) => new RegExp(`^\\s*TCP\\s+\\S+:${port}\\s+\\S+\\s+LISTENING\\s+\\d+`).test(line));
  const pid = row?.trim().split(/\s+/).at(-1);
  if (!pid) return null;
  const task = await run('tasklist', ['/FI', `PID eq ${pid}`, '/FO', 'CSV', '/NH'], timeoutMs);
  const name = /^"([^"]+)"/.exec(task.trim())?.[1]?.replace(/\.exe$/i, '');
  return name ? { pid: Number(pid), name } : null;
}

function run(command: string, args: string[], timeoutMs: number): Promise<string> {
  return new Promise((resolve) => {
    execFile(command, args, { timeout: timeoutMs, windowsHide: true }, (_error, stdout) => resolve(String(stdout)));
  });
}

const knownPrograms: Record<string, string> = {
  sf: 'the Salesforce CLI',
  sfdx: 'the Salesforce CLI',
};

function recognise(holder: Omit<PortHolder, 'knownAs'>): Pick<PortHolder, 'knownAs'> {
  const knownAs = knownPrograms[holder.name.toLowerCase()];
  return knownAs ? { knownAs } : {};
}

/** The first port after `port` nobody listens on (loopback), for advice only: nothing keeps it free. */
export async function nextFreePort(port: number, tries = 20): Promise<number | null> {
  for (let candidate = port + 1; candidate <= Math.min(port + tries, 65535); candidate++) {
    if (await isFree(candidate)) return candidate;
  }
  return null;
}

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen({ port, host: '127.0.0.1', exclusive: true }, () => probe.close(() => resolve(true)));
  });
}
