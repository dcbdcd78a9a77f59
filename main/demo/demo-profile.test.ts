import { describe, expect, it } from 'vitest';
import { demoLoginUrlFrom, ensureDemoProfile } from './demo-profile';
import { createMemoryStoreFactory } from '../store/document-store';
import { createSettingsRepository } from '../store/settings-repository';

describe('the demo org', () => {
  it('signs in at the emulator only in a development build: the packaged app ignores the environment variable', () => {
    const env = { AGENT_CONNECTIONS_DEMO_LOGIN_URL: 'http://127.0.0.1:4100' };
    expect(demoLoginUrlFrom(env, false)).toBe('http://127.0.0.1:4100');
    expect(demoLoginUrlFrom(env, true)).toBeUndefined();
    expect(demoLoginUrlFrom({ AGENT_CONNECTIONS_DEMO_LOGIN_URL: 'https://evil.example' }, true)).toBeUndefined();
    expect(demoLoginUrlFrom({}, false)).toBeUndefined();
  });

  it('gets the "allow any host" override from the app itself, visibly, on its own profile only', () => {
    const settings = createSettingsRepository(createMemoryStoreFactory());
    settings.saveProfile({ name: 'Production', environment: 'production' });
    const demo = ensureDemoProfile(settings, 'http://127.0.0.1:4100');
    expect(demo).toMatchObject({ name: 'Demo org', myDomainUrl: 'http://127.0.0.1:4100', allowAnyHost: true });
    expect(settings.get().orgProfiles.find((p) => p.name === 'Production')?.allowAnyHost).toBe(false);
  });
});
