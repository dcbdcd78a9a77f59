import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/app-error-schema';
import { createConfStoreFactory } from './conf-store';
import { createSettingsRepository, migrateSettings } from './settings-repository';
import Conf from 'conf';

describe('settings', () => {
  it('persist across restarts in the data directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ac-settings-'));
    const first = createSettingsRepository(createConfStoreFactory(dir));
    first.update({ theme: 'dark', agentName: 'Deal Coach' });
    const profile = first.saveProfile({ name: 'Production', environment: 'production' });
    const reopened = createSettingsRepository(createConfStoreFactory(dir));
    expect(reopened.get()).toMatchObject({ theme: 'dark', agentName: 'Deal Coach', activeProfileId: profile.id });
    expect(reopened.activeProfile()).toMatchObject({ clientId: 'PlatformCLI', callbackPort: 1717 });
  });

  it('bring a version-0 file forward without losing its org profile', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ac-settings-'));
    new Conf({ cwd: dir, configName: 'settings', projectName: 'agent-connections' }).set('document', {
      theme: 'light',
      profile: { id: 'p1', name: 'Old org', environment: 'sandbox', clientId: 'PlatformCLI', callbackPort: 1717 },
    });
    const settings = createSettingsRepository(createConfStoreFactory(dir));
    expect(settings.get()).toMatchObject({ schemaVersion: 1, theme: 'light', activeProfileId: 'p1' });
    expect(settings.activeProfile()?.name).toBe('Old org');
    expect(migrateSettings({ schemaVersion: 1, theme: 'dark' })).toEqual({ schemaVersion: 1, theme: 'dark' });
  });

  it('refuse plain http for anything but this computer', () => {
    const settings = createSettingsRepository(createConfStoreFactory(mkdtempSync(join(tmpdir(), 'ac-settings-'))));
    expect(() => settings.saveProfile({ name: 'X', environment: 'myDomain', myDomainUrl: 'http://contoso.my.salesforce.com' })).toThrow();
    expect(() =>
      settings.saveProfile({ name: 'X', environment: 'myDomain', myDomainUrl: 'http://contoso.example', allowAnyHost: true }),
    ).toThrow();
    expect(
      settings.saveProfile({ name: 'Emu', environment: 'myDomain', myDomainUrl: 'http://127.0.0.1:4100/', allowAnyHost: true }).myDomainUrl,
    ).toBe('http://127.0.0.1:4100');
  });

  it.each([
    'https://contoso.my.salesforce.com',
    'https://contoso--uat.sandbox.my.salesforce.com',
    'https://contoso-dev-ed.develop.my.salesforce.com',
    'https://agency.my.salesforce.mil',
    'https://acme.my.sfcrmproducts.cn',
    'https://login.sfcrmproducts.cn',
  ])('accept the Salesforce host %s as a My Domain', (myDomainUrl) => {
    const settings = createSettingsRepository(createConfStoreFactory(mkdtempSync(join(tmpdir(), 'ac-settings-'))));
    expect(settings.saveProfile({ name: 'Org', environment: 'myDomain', myDomainUrl }).myDomainUrl).toBe(myDomainUrl);
  });

  it.each([
    'https://evil.example',
    'https://contoso.my.salesforce.com.evil.example',
    'https://evil.secure.force.com',
    'https://contoso.my.salesforce.com:8443',
    'https://localhost:4100',
    'http://127.0.0.1:4100',
    'http://0x7f.1:4100',
    'https://login.salesforce.com@evil.example',
  ])('refuse %s as a My Domain unless the profile allows any host', (myDomainUrl) => {
    const settings = createSettingsRepository(createConfStoreFactory(mkdtempSync(join(tmpdir(), 'ac-settings-'))));
    expect(() => settings.saveProfile({ name: 'Org', environment: 'myDomain', myDomainUrl })).toThrow(/allow any host/i);
    expect(settings.get().orgProfiles).toEqual([]);
  });

  it('refuse two profiles with the same name', () => {
    const settings = createSettingsRepository(createConfStoreFactory(mkdtempSync(join(tmpdir(), 'ac-settings-'))));
    settings.saveProfile({ name: 'Prod', environment: 'production' });
    expect(() => settings.saveProfile({ name: 'prod', environment: 'sandbox' })).toThrow(AppFailure);
  });
});
