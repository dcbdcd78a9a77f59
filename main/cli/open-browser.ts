import { spawn } from 'node:child_process';
/** The platform's "open this URL" command; arguments go straight to it, never through a shell. */
function launcher(url: string): [string, string[]] {
  if (process.platform === 'darwin') return ['open', [url]];
  // `start` is a cmd built-in; the empty string is its window title, so the URL is never taken for one.
  if (process.platform === 'win32') return ['cmd', ['/c', 'start', '""', url.replace(/&/g, '^&')]];
  return ['xdg-open', [url]];
}

/**
 * Launches the system browser. The host wraps it in the guarded opener (https or loopback only).
 * A machine without a browser opener is not an error: the CLI always prints the URL as well.
 */
export function launchSystemBrowser(url: string): Promise<void> {
  const [command, args] = launcher(url);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsHide: true });
    child.once('error', () => resolve());
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}
