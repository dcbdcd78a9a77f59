import { randomBytes } from 'node:crypto';
import { lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fail } from '../../common/app-error-schema';

const OWNER_ONLY = 0o600;

/**
 * Writes an export so that only this OS user can read it and nothing else is written to: a new file
 * in the target folder, renamed into place. A symbolic link at the target is refused, not followed
 * (it could point at another file of the user's); the rename replaces a file there, whatever its mode.
 */
export async function writeExportFile(target: string, content: string): Promise<string> {
  const path = resolve(target);
  const existing = await lstat(path).catch(() => null);
  if (existing?.isSymbolicLink()) {
    fail('EXPORT_FAILED', `${path} is a symbolic link. Choose another file name; exports are never written through a link.`, {
      action: 'retry',
      params: { path },
    });
  }
  if (existing?.isDirectory()) fail('EXPORT_FAILED', `${path} is a folder. Choose a file name.`, { action: 'retry', params: { path } });
  const temporary = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 'wx' creates the file or fails: never opens one (or a link) someone placed under this name.
    const handle = await open(temporary, 'wx', OWNER_ONLY);
    try {
      await handle.chmod(OWNER_ONLY); // the process umask may have narrowed, never widened, it
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (thrown) {
    await unlink(temporary).catch(() => undefined);
    const reason = thrown instanceof Error && 'code' in thrown ? String(thrown.code) : 'unknown';
    fail('EXPORT_FAILED', `The export could not be written to ${path} (${reason}). Choose a folder you can write to.`, {
      action: 'retry',
      params: { path, reason },
    });
  }
  return path;
}
