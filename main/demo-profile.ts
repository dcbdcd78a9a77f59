import type { OrgProfile } from '../common';
import type { SettingsRepository } from './store/settings-repository';

export const DEMO_PROFILE_NAME = 'Demo org';

/** Points the "Demo org" profile at the emulator's login URL and makes it the active one. */
export function ensureDemoProfile(settings: SettingsRepository, loginUrl: string): OrgProfile {
  const existing = settings.get().orgProfiles.find((p) => p.name === DEMO_PROFILE_NAME);
  const profile = settings.saveProfile({
    id: existing?.id,
    name: DEMO_PROFILE_NAME,
    environment: 'myDomain',
    myDomainUrl: loginUrl,
    clientId: existing?.clientId ?? 'PlatformCLI',
    callbackPort: existing?.callbackPort ?? 1717,
  });
  settings.activateProfile(profile.id);
  return profile;
}
