import { chmodSync, lstatSync, mkdirSync } from 'node:fs';

/**
 * The data directory holds org ids, admin usernames, consumer keys and (on the CLI) the session:
 * only this OS user may list or read it, on every host. chmod is needed on top of the create mode
 * because the umask only narrows new files, and installs from before kept 0755 / 0644.
 */
export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates the data directory owner-only, or tightens the one already there. */
export function preparePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/** A file written before modes were set would stay readable until its next write: tighten it on open. */
export function tightenPrivateFile(path: string): void {
  // lstat: a link planted in the directory must not make us chmod whatever it points at.
  if (lstatSync(path, { throwIfNoEntry: false })?.isFile()) chmodSync(path, PRIVATE_FILE_MODE);
}
