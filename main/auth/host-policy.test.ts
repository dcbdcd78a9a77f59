import { describe, expect, it } from 'vitest';
import { defaultSettings, type OrgProfile } from '../../common';
import { createMemoryStoreFactory } from '../store/document-store';
import { createTestApp } from '../../test/support/headless-app';

const profile = (myDomainUrl: string, allowAnyHost?: boolean): OrgProfile => ({
  id: 'p1',
  name: 'Old profile',
  environment: 'myDomain',
  myDomainUrl,
  clientId: 'PlatformCLI',
  callbackPort: 1717,
  ...(allowAnyHost === undefined ? {} : { allowAnyHost }),
});

/** A settings file written before the host policy existed, which may point anywhere. */
function appWithStoredProfile(stored: OrgProfile) {
  const stores = createMemoryStoreFactory();
  stores('settings', { defaults: defaultSettings, parse: (raw) => raw as typeof defaultSettings }).write({
    ...defaultSettings,
    orgProfiles: [stored],
    activeProfileId: stored.id,
  });
  return createTestApp({ stores, opensBrowser: true });
}

describe('sign-in goes only to Salesforce hosts', () => {
  it.each(['https://evil.example', 'http://127.0.0.1:4100', 'https://evil.secure.force.com'])(
    'refuses to sign in through a stored profile at %s without the override, and opens nothing',
    async (url) => {
      const { app, opened } = appWithStoredProfile(profile(url));
      await expect(app.auth.signIn('p1')).rejects.toMatchObject({ error: { code: 'PROFILE_INVALID', action: 'openSettings' } });
      expect(opened).toEqual([]);
      expect(app.auth.status().state).toBe('signedOut');
    },
  );

  it('refuses an access-token sign-in whose instance URL is not Salesforce', async () => {
    const { app } = appWithStoredProfile(profile('https://contoso.my.salesforce.com'));
    await expect(
      app.auth.signInWithAccessToken({ profileId: 'p1', instanceUrl: 'https://evil.example', accessToken: 'x'.repeat(40) }),
    ).rejects.toMatchObject({
      error: { code: 'PROFILE_INVALID' },
    });
  });
});
