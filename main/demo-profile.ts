import type { OrgProfile } from '../common';
import type { SettingsRepository } from './store/settings-repository';

export const DEMO_PROFILE_NAME = 'Demo org';

/** Points the "Demo org" profile at the emulator's My Domain (instance) origin, as a real My Domain profile would, and makes it the active one. */
export function ensureDemoProfile(settings: SettingsRepository, myDomainUrl: string): OrgProfile {
  const existing = settings.get().orgProfiles.find((p) => p.name === DEMO_PROFILE_NAME);
  const profile = settings.saveProfile({
    id: existing?.id,
    name: DEMO_PROFILE_NAME,
    environment: 'myDomain',
    myDomainUrl,
    clientId: existing?.clientId ?? 'PlatformCLI',
    callbackPort: existing?.callbackPort ?? 1717,
  });
  settings.activateProfile(profile.id);
  return profile;
}
