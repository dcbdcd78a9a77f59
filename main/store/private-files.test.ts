import { chmodSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { looseEntries } from '../../test/support/electron/file-modes';
import { TEST_VAULT_PASSPHRASE } from '../../test/support/cli-vault';
import { createApp } from '../app';
import { startCliApp } from '../cli/cli-app';
import { createHeadlessHost, downloadToPage } from '../headless-host';
import { createAuditLog } from './audit-log';
import { createConfStoreFactory } from './conf-store';
import type { DocumentStoreFactory } from './document-store';
import { createElectronStoreFactory } from './electron-store';
import { createJournal } from './journal';
import { createSettingsRepository } from './settings-repository';
import { createEncryptedVault, createMemoryVault, type SecretVault } from './vault';

// electron-store only needs Electron's app for a default folder; every store here gets one.
vi.mock('electron', () => ({ default: {} }));

// The usual desktop umask, under which files and folders come out readable by everyone.
let umask = 0;
beforeAll(() => void (umask = process.umask(0o022)));
afterAll(() => void process.umask(umask));

/** A data directory the app has to create itself, as on first launch. */
const freshDataDir = () => join(mkdtempSync(join(tmpdir(), 'ac-modes-')), 'Agent Connections');

/** What an admin's first setup leaves on disk: an org profile, an audit entry, a run, a secret. */
async function writeEveryDocument(stores: DocumentStoreFactory, vault: SecretVault): Promise<void> {
  createSettingsRepository(stores).saveProfile({
    name: 'Production',
    environment: 'myDomain',
    myDomainUrl: 'https://contoso.my.salesforce.com',
  });
  createAuditLog(stores).append({
    actor: 'admin@contoso.com',
    orgId: '00D000000000001AAA',
    operation: 'connection.enable',
    result: 'success',
    summary: 'Created the connection',
    artifacts: ['ConsumerKey 3MVG9'],
  });
  createJournal(stores).begin({ id: 'run-1', kind: 'enable', orgId: '00D000000000001AAA', startedAt: new Date().toISOString() });
  await vault.set('session', 'refresh-token');
}

const noCipher = { encrypt: (s: string) => Promise.resolve(s), decrypt: (s: string) => Promise.resolve(s) };
const silentIo = {
  out: () => {},
  err: () => {},
  env: { AGENT_CONNECTIONS_VAULT_PASSPHRASE: TEST_VAULT_PASSPHRASE },
  interrupted: () => new Promise<void>(() => {}),
};

describe('the data directory', () => {
  it('is readable only by the admin on the desktop: folder 0700, settings, journal, audit log and vault 0600', async () => {
    const dir = freshDataDir();
    const stores = createElectronStoreFactory(dir);
    await writeEveryDocument(stores, createEncryptedVault(stores, noCipher));
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['settings.json', 'journal.json', 'audit.json', 'vault.json']));
    expect(looseEntries(dir)).toEqual([]);
  });

  it('is readable only by the admin in browser mode', async () => {
    const dir = freshDataDir();
    const host = createHeadlessHost({
      host: 'browser',
      vault: () => createMemoryVault(),
      files: downloadToPage,
      launch: null,
      dataDir: dir,
    });
    createApp(host);
    await writeEveryDocument(host.stores, host.vault);
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['settings.json', 'journal.json', 'audit.json']));
    expect(looseEntries(dir)).toEqual([]);
  });

  it('is readable only by the admin from the command line', async () => {
    const dir = freshDataDir();
    const { app } = await startCliApp(silentIo, { dataDir: dir, launchBrowser: false });
    app.settings.saveProfile({ name: 'Production', environment: 'production' });
    app.audit.append({
      actor: 'admin@contoso.com',
      orgId: null,
      operation: 'auth.login',
      result: 'success',
      summary: 'Signed in',
      artifacts: [],
    });
    expect(readdirSync(dir)).toEqual(expect.arrayContaining(['settings.json', 'audit.json']));
    expect(looseEntries(dir)).toEqual([]);
  });

  it.each([
    ['desktop', createElectronStoreFactory],
    ['command line and browser mode', createConfStoreFactory],
  ])('left open by an older version is closed at the next start (%s)', (_host, factory) => {
    const dir = freshDataDir();
    createSettingsRepository(factory(dir)).update({ theme: 'dark' });
    chmodSync(dir, 0o755);
    chmodSync(join(dir, 'settings.json'), 0o644);
    expect(looseEntries(dir)).toHaveLength(2);
    const settings = createSettingsRepository(factory(dir));
    expect(settings.get().theme).toBe('dark');
    expect(looseEntries(dir)).toEqual([]);
  });
});
