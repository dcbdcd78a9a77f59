import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const modeOf = (path: string): number => lstatSync(path).mode & 0o777;

/** Everything under `dir` (itself included) that a user other than the owner could list or read. */
export function looseEntries(dir: string): string[] {
  const loose = modeOf(dir) === 0o700 ? [] : [`${dir}/ ${modeOf(dir).toString(8)}`];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) loose.push(...looseEntries(path));
    else if ((modeOf(path) & 0o077) !== 0) loose.push(`${path} ${modeOf(path).toString(8)}`);
  }
  return loose;
}
