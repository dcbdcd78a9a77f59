import { randomUUID } from 'node:crypto';
import {
  DEFAULT_CALLBACK_PORT,
  DEFAULT_CLIENT_ID,
  defaultSettings,
  loginUrlOf,
  orgProfileInputSchema,
  settingsSchema,
  type OrgProfile,
  type OrgProfileInput,
  type Settings,
  type SettingsUpdate,
  type SignInApp,
} from '../../common';
import { fail } from '../../common/app-error-schema';
import type { DocumentStoreFactory } from './document-store';

/**
 * Version 0 had no `schemaVersion` and kept a single `profile`; bring it forward so an older
 * install keeps its org profile. Later versions add a case here.
 */
export function migrateSettings(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw;
  const record: Record<string, unknown> = { ...raw };
  if (record.schemaVersion === undefined) {
    const { profile, ...rest } = record;
    const profiles: unknown[] = profile ? [profile] : [];
    const firstId: unknown = typeof profile === 'object' && profile !== null ? (profile as { id?: unknown }).id : undefined;
    return {
      ...defaultSettings,
      ...rest,
      schemaVersion: 1,
      orgProfiles: profiles,
      activeProfileId: typeof firstId === 'string' ? firstId : null,
    };
  }
  return raw;
}

export interface SettingsRepository {
  get(): Settings;
  update(change: SettingsUpdate): Settings;
  saveProfile(input: OrgProfileInput): OrgProfile;
  removeProfile(id: string): Settings;
  activateProfile(id: string): Settings;
  activeProfile(): OrgProfile | undefined;
  profile(id: string): OrgProfile | undefined;
  /**
   * Records the org a profile signed in to, once: a profile stays tied to its first org. `replace`
   * moves it to another org, only on the admin's choice (a sandbox refresh, connection/run/org-identity.ts).
   */
  recordOrg(id: string, orgId: string, replace?: boolean): OrgProfile | undefined;
  /** This install's id, made on first use and kept: the owner the app's artifacts in an org name. */
  installId(): string;
  /** The profile now signs in with the org's own sign-in app (null: with the default client again). */
  setSignInApp(id: string, app: SignInApp | null): OrgProfile;
}

/** An edit that keeps the login address keeps the org it was tied to; a new address may be another org. */
function keptOrgId(previous: OrgProfile | undefined, next: OrgProfile): string | undefined {
  if (next.orgId || !previous?.orgId) return next.orgId;
  return loginUrlOf(previous) === loginUrlOf(next) ? previous.orgId : undefined;
}

/** An edit that keeps the sign-in app's client keeps the app's record. */
function keptSignInApp(previous: OrgProfile | undefined, next: OrgProfile): SignInApp | undefined {
  const app = previous?.signInApp;
  return app && next.clientId === app.consumerKey ? app : undefined;
}

/** The profile signing in with `app`, or (null) with the default client again. */
function withSignInApp(current: OrgProfile, app: SignInApp | null): OrgProfile {
  const profile = { ...current };
  delete profile.signInApp;
  return app
    ? { ...profile, clientId: app.consumerKey, callbackPort: app.callbackPort, signInApp: app }
    : { ...profile, clientId: DEFAULT_CLIENT_ID, callbackPort: DEFAULT_CALLBACK_PORT };
}

export function createSettingsRepository(stores: DocumentStoreFactory): SettingsRepository {
  const document = stores<Settings>('settings', {
    defaults: defaultSettings,
    parse: (raw) => settingsSchema.parse(raw),
    migrate: migrateSettings,
  });
  const write = (next: Settings): Settings => {
    document.write(next);
    return next;
  };
  const requireProfile = (settings: Settings, id: string): OrgProfile =>
    settings.orgProfiles.find((p) => p.id === id) ??
    fail('PROFILE_NOT_FOUND', 'That org profile no longer exists. Choose another one in Settings.', { action: 'openSettings' });

  return {
    get: () => document.read(),
    update: (change) => write({ ...document.read(), ...change }),
    saveProfile(input) {
      const parsed = orgProfileInputSchema.parse(input);
      const settings = document.read();
      const { orgId: givenOrgId, endSession: _confirmation, ...rest } = parsed;
      const draft: OrgProfile = { ...rest, id: parsed.id ?? randomUUID(), ...(givenOrgId && { orgId: givenOrgId }) };
      const previous = settings.orgProfiles.find((p) => p.id === draft.id);
      const orgId = keptOrgId(previous, draft);
      const signInApp = keptSignInApp(previous, draft);
      const profile: OrgProfile = { ...rest, id: draft.id, ...(orgId && { orgId }), ...(signInApp && { signInApp }) };
      const others = settings.orgProfiles.filter((p) => p.id !== profile.id);
      if (others.some((p) => p.name.toLowerCase() === profile.name.toLowerCase())) {
        fail('PROFILE_INVALID', `An org profile named "${profile.name}" already exists.`);
      }
      write({
        ...settings,
        orgProfiles: [...others, profile],
        activeProfileId: settings.activeProfileId ?? profile.id,
      });
      return profile;
    },
    removeProfile(id) {
      const settings = document.read();
      requireProfile(settings, id);
      const orgProfiles = settings.orgProfiles.filter((p) => p.id !== id);
      const activeProfileId = settings.activeProfileId === id ? (orgProfiles[0]?.id ?? null) : settings.activeProfileId;
      return write({ ...settings, orgProfiles, activeProfileId });
    },
    activateProfile(id) {
      const settings = document.read();
      requireProfile(settings, id);
      return write({ ...settings, activeProfileId: id });
    },
    activeProfile() {
      const settings = document.read();
      return settings.orgProfiles.find((p) => p.id === settings.activeProfileId);
    },
    profile: (id) => document.read().orgProfiles.find((p) => p.id === id),
    installId() {
      const settings = document.read();
      if (settings.installId) return settings.installId;
      const installId = randomUUID();
      write({ ...settings, installId });
      return installId;
    },
    setSignInApp(id, app) {
      const settings = document.read();
      const next = withSignInApp(requireProfile(settings, id), app);
      write({ ...settings, orgProfiles: settings.orgProfiles.map((p) => (p.id === id ? next : p)) });
      return next;
    },
    recordOrg(id, orgId, replace = false) {
      const settings = document.read();
      const profile = settings.orgProfiles.find((p) => p.id === id);
      if (!profile || (profile.orgId && !replace) || profile.orgId === orgId) return profile;
      const linked = { ...profile, orgId };
      write({ ...settings, orgProfiles: settings.orgProfiles.map((p) => (p.id === id ? linked : p)) });
      return linked;
    },
  };
}
