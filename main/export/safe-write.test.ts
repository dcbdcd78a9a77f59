import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/app-error-schema';
import { writeExportFile } from './safe-write';

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agent-connections-export-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const modeOf = (path: string) => statSync(path).mode & 0o777;
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (thrown: unknown) => (thrown instanceof AppFailure ? thrown.error.code : thrown),
  );

describe('writing an export', () => {
  it('writes a new file only its owner can read', async () => {
    const path = await writeExportFile(join(dir, 'report.md'), '# report');
    expect(readFileSync(path, 'utf8')).toBe('# report');
    expect(modeOf(path)).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['report.md']);
  });

  it('replaces an existing world-readable file with an owner-only one', async () => {
    const path = join(dir, 'agent.json');
    writeFileSync(path, 'old');
    chmodSync(path, 0o644);
    await writeExportFile(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(modeOf(path)).toBe(0o600);
  });

  it('refuses a symbolic link at the target and leaves the file it points to untouched', async () => {
    const victim = join(dir, 'victim.txt');
    writeFileSync(victim, 'precious');
    chmodSync(victim, 0o644);
    const link = join(dir, 'agent.json');
    symlinkSync(victim, link);
    expect(await refusal(writeExportFile(link, 'secret'))).toBe('EXPORT_FAILED');
    expect(readFileSync(victim, 'utf8')).toBe('precious');
    expect(modeOf(victim)).toBe(0o644);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['agent.json', 'victim.txt']);
  });

  it('reports a folder it cannot write to as a typed error, leaving nothing behind', async () => {
    expect(await refusal(writeExportFile(join(dir, 'missing', 'agent.json'), 'x'))).toBe('EXPORT_FAILED');
    expect(await refusal(writeExportFile(dir, 'x'))).toBe('EXPORT_FAILED');
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });
});
