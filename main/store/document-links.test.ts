import { mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppFailure } from '../../common/app-error-schema';
import { createConfStoreFactory } from './conf-store';
import type { DocumentStoreFactory } from './document-store';
import { createElectronStoreFactory } from './electron-store';

// electron-store only needs Electron's app for a default folder; every store here gets one.
vi.mock('electron', () => ({ default: {} }));

let dir = '';
let victim = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'agent-connections-links-'));
  victim = join(dir, 'someone-elses-file.txt');
  writeFileSync(victim, 'the user file a link points at\n', { mode: 0o644 });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const spec = { defaults: { version: 1, entries: [] as string[] }, parse: (raw: unknown) => raw as { version: number; entries: string[] } };
const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (thrown) {
    return thrown instanceof AppFailure ? thrown.error : thrown;
  }
  return 'allowed';
};
const untouched = () => {
  expect(readFileSync(victim, 'utf8')).toBe('the user file a link points at\n');
  expect(statSync(victim).mode & 0o777).toBe(0o644);
};

const factories: [string, (dataDir: string) => DocumentStoreFactory][] = [
  ['CLI and browser mode (conf)', createConfStoreFactory],
  ['desktop (electron-store)', createElectronStoreFactory],
];

describe.each(factories)('a symbolic link planted in the data directory: %s', (_name, factoryOf) => {
  it('is refused when the document is written after the link was planted, and its target is untouched', () => {
    const data = join(dir, 'data');
    const stores = factoryOf(data);
    const audit = stores('audit', spec);
    audit.write({ version: 1, entries: ['first'] });
    unlinkSync(audit.path);
    symlinkSync(victim, audit.path);

    expect(refusal(() => audit.write({ version: 1, entries: ['second'] }))).toMatchObject({
      code: 'DOCUMENT_IS_LINK',
      message: expect.stringMatching(/is a symbolic link.*left the file it points to untouched/) as string,
    });
    expect(refusal(() => audit.read())).toMatchObject({ code: 'DOCUMENT_IS_LINK' });
    untouched();
  });

  it('is refused when the app opens a document that is a link, and its target is untouched', () => {
    const data = join(dir, 'data');
    factoryOf(data)('settings', spec).write({ version: 1, entries: [] });
    symlinkSync(victim, join(data, 'audit.json'));
    expect(refusal(() => factoryOf(data)('audit', spec))).toMatchObject({ code: 'DOCUMENT_IS_LINK' });
    untouched();
  });
});
