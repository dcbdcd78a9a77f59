import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/app-error-schema';
import { createMemoryStoreFactory } from '../store/document-store';
import { createSettingsRepository } from '../store/settings-repository';
import { UsageError } from './command';
import { chooseProfile, stageProfile } from './profile-options';

const repository = () => createSettingsRepository(createMemoryStoreFactory());

describe('choosing the org profile from CLI options', () => {
  it('creates a profile for a new login host, named after it, with the default client', () => {
    const settings = repository();
    const profile = chooseProfile(settings, { loginUrl: 'https://contoso.my.salesforce.com/some/path' });
    expect(profile).toMatchObject({
      name: 'contoso.my.salesforce.com',
      environment: 'myDomain',
      myDomainUrl: 'https://contoso.my.salesforce.com',
      clientId: 'PlatformCLI',
      callbackPort: 1717,
    });
    expect(settings.get().activeProfileId).toBe(profile.id);
  });

  it('recognises production and sandbox login hosts', () => {
    const settings = repository();
    expect(chooseProfile(settings, { loginUrl: 'https://login.salesforce.com' }).environment).toBe('production');
    expect(chooseProfile(settings, { loginUrl: 'https://test.salesforce.com' }).environment).toBe('sandbox');
  });

  it('selects the existing profile for a host and updates its client id and port', () => {
    const settings = repository();
    const first = chooseProfile(settings, { loginUrl: 'https://test.salesforce.com', name: 'UAT' });
    chooseProfile(settings, { loginUrl: 'https://login.salesforce.com' });
    const again = chooseProfile(settings, { loginUrl: 'https://test.salesforce.com', clientId: 'MyClient', port: '1818' });
    expect(again).toMatchObject({ id: first.id, name: 'UAT', clientId: 'MyClient', callbackPort: 1818 });
    expect(settings.get().orgProfiles).toHaveLength(2);
    expect(settings.get().activeProfileId).toBe(first.id);
  });

  it('selects a profile by name, and the active one without options', () => {
    const settings = repository();
    const uat = chooseProfile(settings, { loginUrl: 'https://test.salesforce.com', name: 'UAT' });
    const prod = chooseProfile(settings, { loginUrl: 'https://login.salesforce.com', name: 'Prod' });
    expect(chooseProfile(settings, { name: 'uat' }).id).toBe(uat.id);
    expect(chooseProfile(settings, {}).id).toBe(uat.id);
    expect(chooseProfile(settings, { name: 'Prod' }).id).toBe(prod.id);
  });

  it('says what to do when there is no such profile', () => {
    const settings = repository();
    expect(() => chooseProfile(settings, {})).toThrow(AppFailure);
    expect(() => chooseProfile(settings, { name: 'Nope' })).toThrow(/no org profile named "Nope"/);
  });

  it('keeps an https JWT audience given with --audience on the profile, and refuses anything else', () => {
    const settings = repository();
    const profile = chooseProfile(settings, {
      loginUrl: 'https://contoso.my.salesforce.com',
      audience: 'https://contoso.my.site.com/partners/',
    });
    expect(profile.jwtAudience).toBe('https://contoso.my.site.com/partners');
    expect(chooseProfile(settings, {}).jwtAudience).toBe('https://contoso.my.site.com/partners');
    expect(() => chooseProfile(settings, { audience: 'http://login.salesforce.com' })).toThrow(UsageError);
  });

  it('rejects bad URLs and ports as usage errors', () => {
    const settings = repository();
    expect(() => chooseProfile(settings, { loginUrl: 'http://contoso.example' })).toThrow(UsageError);
    expect(() => chooseProfile(settings, { loginUrl: 'https://login.salesforce.com', port: 'abc' })).toThrow(UsageError);
    expect(() => chooseProfile(settings, { loginUrl: 'https://login.salesforce.com', port: '80' })).toThrow(UsageError);
  });

  it.each([
    'https://evil.example',
    'https://evil.secure.force.com',
    'http://127.0.0.1:4100',
    'https://localhost:4100',
    'http://0x7f.1:4100',
  ])('refuses --login-url %s without --allow-any-host, saying how to allow it', (loginUrl) => {
    const settings = repository();
    expect(() => chooseProfile(settings, { loginUrl })).toThrow(/not a Salesforce host.*--allow-any-host/);
    expect(settings.get().orgProfiles).toEqual([]);
  });

  it('with --allow-any-host, keeps the override visible on the profile for an emulator on this computer', () => {
    const settings = repository();
    const profile = chooseProfile(settings, { loginUrl: 'http://127.0.0.1:4100', allowAnyHost: true, clientId: 'Emu' });
    expect(profile).toMatchObject({ environment: 'myDomain', myDomainUrl: 'http://127.0.0.1:4100', allowAnyHost: true });
    expect(chooseProfile(settings, { port: '1818' })).toMatchObject({ id: profile.id, allowAnyHost: true, callbackPort: 1818 });
    expect(() => chooseProfile(settings, { loginUrl: 'http://evil.example', allowAnyHost: true })).toThrow(UsageError);
  });

  it('keeps a staged profile only when the sign-in completes: a new one is removed, a changed one restored', () => {
    const settings = repository();
    const uat = chooseProfile(settings, { loginUrl: 'https://test.salesforce.com', name: 'UAT' });
    const abandoned = stageProfile(settings, { loginUrl: 'https://evil.example.com', allowAnyHost: true });
    expect(settings.get().activeProfileId).toBe(uat.id);
    abandoned.discard();
    expect(settings.get().orgProfiles.map((p) => p.name)).toEqual(['UAT']);

    const changed = stageProfile(settings, { name: 'UAT', clientId: 'Other', port: '1818' });
    changed.discard();
    expect(settings.profile(uat.id)).toEqual(uat);

    const completed = stageProfile(settings, { loginUrl: 'https://login.salesforce.com', name: 'Prod' });
    completed.commit();
    expect(settings.get().activeProfileId).toBe(completed.profile.id);
  });

  it('keeps the org a profile is tied to while its address stays, and forgets it for a new address', () => {
    const settings = repository();
    const profile = chooseProfile(settings, { loginUrl: 'https://contoso.my.salesforce.com' });
    settings.recordOrg(profile.id, '00D000000000001AAA');
    expect(chooseProfile(settings, { port: '1818' }).orgId).toBe('00D000000000001AAA');
    settings.recordOrg(profile.id, '00D000000000002AAA');
    expect(settings.profile(profile.id)?.orgId).toBe('00D000000000001AAA');
    expect(chooseProfile(settings, { loginUrl: 'https://contoso.my.salesforce.com', clientId: 'Mine' }).orgId).toBe('00D000000000001AAA');
    expect(
      chooseProfile(settings, { loginUrl: 'https://fabrikam.my.salesforce.com', name: 'contoso.my.salesforce.com' }).orgId,
    ).toBeUndefined();
  });
});
