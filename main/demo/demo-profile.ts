import type { OrgProfile } from '../../common';
import type { SettingsRepository } from '../store/settings-repository';

export const DEMO_PROFILE_NAME = 'Demo org';

/**
 * The emulator address a development build's demo org signs in at. A packaged app ignores it: an
 * environment variable must not be able to send an admin's sign-in to another host.
 */
export function demoLoginUrlFrom(env: Readonly<Record<string, string | undefined>>, isPackaged: boolean): string | undefined {
  return isPackaged ? undefined : env.AGENT_CONNECTIONS_DEMO_LOGIN_URL || undefined;
}

/**
 * Points the "Demo org" profile at the emulator's My Domain (instance) origin, as a real My Domain
 * profile would, and makes it the active one. The emulator runs on loopback, not a Salesforce host:
 * the app sets the profile's "allow any host" override itself, visibly, as an admin would.
 */
export function ensureDemoProfile(settings: SettingsRepository, myDomainUrl: string): OrgProfile {
  const existing = settings.get().orgProfiles.find((p) => p.name === DEMO_PROFILE_NAME);
  const profile = settings.saveProfile({
    id: existing?.id,
    name: DEMO_PROFILE_NAME,
    environment: 'myDomain',
    myDomainUrl,
    allowAnyHost: true,
    clientId: existing?.clientId ?? 'PlatformCLI',
    callbackPort: existing?.callbackPort ?? 1717,
  });
  settings.activateProfile(profile.id);
  return profile;
}
