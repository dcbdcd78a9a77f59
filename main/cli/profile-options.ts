import { ZodError } from 'zod';
import { isAllowedOrgUrl, jwtAudienceSchema, loginUrlOf, myDomainUrlSchema, type Environment, type OrgProfile } from '../../common';
import { fail } from '../../common/app-error-schema';
import type { SettingsRepository } from '../store/settings-repository';
import { UsageError } from './command';

export interface ProfileChoice {
  /** `--org-profile NAME` */
  name?: string;
  /** `--login-url URL` (or the instance URL for `login --instance-url`) */
  loginUrl?: string;
  clientId?: string;
  port?: string;
  /** `login --audience URL`: the profile's own JWT audience (fact JWT-AUDIENCE). */
  audience?: string;
  /** `login --allow-any-host`: the profile may sign in at a host that is not Salesforce's (also http on this computer). */
  allowAnyHost?: boolean;
}

function environmentOf(origin: string): Environment {
  const host = new URL(origin).hostname;
  if (host === 'login.salesforce.com') return 'production';
  if (host === 'test.salesforce.com') return 'sandbox';
  return 'myDomain';
}

function parsePort(port: string | undefined): number | undefined {
  if (port === undefined) return undefined;
  if (!/^\d+$/.test(port)) throw new UsageError(`--port must be a number, not "${port}".`);
  return Number(port);
}

function parseAudience(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const parsed = jwtAudienceSchema.safeParse(url);
  if (!parsed.success) throw new UsageError(`--audience ${url}: ${parsed.error.issues[0]?.message ?? 'not a URL'}`);
  return parsed.data;
}

function parseLoginUrl(url: string, allowAnyHost: boolean): string {
  const parsed = myDomainUrlSchema.safeParse(url);
  if (!parsed.success) throw new UsageError(`--login-url ${url}: ${parsed.error.issues[0]?.message ?? 'not a URL'}`);
  if (!isAllowedOrgUrl(parsed.data, allowAnyHost)) {
    throw new UsageError(
      `--login-url ${url} is not a Salesforce host (https://<your domain>.my.salesforce.com). For an emulator or test org, add --allow-any-host.`,
    );
  }
  return parsed.data;
}

/** A profile the sign-in may use, kept only if the sign-in completes. */
export interface StagedProfile {
  profile: OrgProfile;
  /** The sign-in completed: the profile becomes the active one. */
  commit(): void;
  /** It did not: the profiles are as they were (a new one removed, a changed one restored). */
  discard(): void;
}

/**
 * The org profile a command works with: `--login-url` selects the profile for that host or creates
 * one (named after the host unless `--org-profile` names it); `--client-id` and `--port` update it.
 * Without options, the active profile. Saved (the sign-in needs it), but not yet made active.
 */
export function stageProfile(settings: SettingsRepository, choice: ProfileChoice): StagedProfile {
  const before = settings.get();
  const profiles = before.orgProfiles;
  const named = choice.name ? profiles.find((p) => p.name.toLowerCase() === choice.name?.toLowerCase()) : undefined;
  if (choice.name && !named && !choice.loginUrl) {
    fail(
      'PROFILE_NOT_FOUND',
      `There is no org profile named "${choice.name}". Create it with login --login-url URL --org-profile "${choice.name}".`,
    );
  }
  const allowAnyHost = choice.allowAnyHost === true;
  const origin = choice.loginUrl ? parseLoginUrl(choice.loginUrl, allowAnyHost) : undefined;
  const existing = named ?? (origin ? profiles.find((p) => loginUrlOf(p) === origin) : settings.activeProfile());
  if (!existing && !origin) {
    fail('PROFILE_NOT_FOUND', 'There is no org profile yet. Run login --login-url https://<your domain>.my.salesforce.com first.');
  }
  const port = parsePort(choice.port);
  const audience = parseAudience(choice.audience);
  const unchanged = existing && !origin && !choice.clientId && port === undefined && audience === undefined && !allowAnyHost;
  const profile = unchanged
    ? existing
    : save(settings, existing, { origin, clientId: choice.clientId, port, name: choice.name, audience, allowAnyHost });
  return {
    profile,
    commit: () => void settings.activateProfile(profile.id),
    discard() {
      if (unchanged) return;
      if (existing) settings.saveProfile(existing);
      else settings.removeProfile(profile.id);
      if (before.activeProfileId && settings.get().activeProfileId !== before.activeProfileId)
        settings.activateProfile(before.activeProfileId);
    },
  };
}

/** `stageProfile`, made active at once (commands that do not sign in, and the conformance run). */
export function chooseProfile(settings: SettingsRepository, choice: ProfileChoice): OrgProfile {
  const staged = stageProfile(settings, choice);
  staged.commit();
  return staged.profile;
}

function save(
  settings: SettingsRepository,
  existing: OrgProfile | undefined,
  change: { origin?: string; clientId?: string; port?: number; name?: string; audience?: string; allowAnyHost: boolean },
): OrgProfile {
  const environment = change.origin ? environmentOf(change.origin) : existing?.environment;
  try {
    return settings.saveProfile({
      ...existing,
      // The repository keeps the org the profile is tied to while its login address stays the same.
      orgId: undefined,
      name: existing?.name ?? change.name ?? new URL(change.origin ?? '').hostname,
      environment: environment ?? 'production',
      myDomainUrl: environment === 'myDomain' ? (change.origin ?? existing?.myDomainUrl) : undefined,
      ...(change.clientId ? { clientId: change.clientId } : {}),
      ...(change.port !== undefined ? { callbackPort: change.port } : {}),
      ...(change.audience !== undefined ? { jwtAudience: change.audience } : {}),
      // A new --login-url takes the override only from its own command; other changes keep the profile's.
      allowAnyHost: change.allowAnyHost || (change.origin === undefined && existing?.allowAnyHost === true),
    });
  } catch (thrown) {
    if (thrown instanceof ZodError) throw new UsageError(thrown.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    throw thrown;
  }
}
