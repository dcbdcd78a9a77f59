import type { AuthStatus, OrgProfile } from '../../common';
import { fail } from '../../common/app-error-schema';
import { CONFIRMATION_WINDOW_MS, type AdminSession, type AuthDeps, type AuthKit, type AuthState } from './auth-types';
import { createProfileSessions } from './profile-sessions';
import { createSessionStore } from './session-store';

function statusOf(kit: Pick<AuthKit, 'deps' | 's' | 'confirmedUntil'>): AuthStatus {
  const { s, deps } = kit;
  if (s.flight) {
    const { attempt, profileId } = s.flight;
    return { state: 'signingIn', profileId, authorizeUrl: attempt.authorizeUrl, expiresAt: attempt.expiresAt.toISOString() };
  }
  if (s.current?.tokens) {
    const { profileId, identity, permissions } = s.current;
    const until = kit.confirmedUntil(identity.userId);
    return {
      state: 'signedIn',
      profileId,
      identity,
      permissions,
      sessionStorage: deps.vault.protection,
      ...(until && { confirmedUntil: until }),
    };
  }
  if (s.current) return { state: 'expired', profileId: s.current.profileId, identity: s.current.identity };
  const profileId = deps.settings.get().activeProfileId;
  return s.lastError ? { state: 'signedOut', profileId, lastError: s.lastError } : { state: 'signedOut', profileId };
}

/** The state and helpers every part of the auth service works with; restores the active profile's session. */
export function createAuthKit(deps: AuthDeps): AuthKit {
  const { settings, events, log, audit } = deps;
  const s: AuthState = {};
  const sessions = createSessionStore(deps.vault, log);
  const confirmedUntil = (userId: string): string | undefined =>
    s.confirmed?.userId === userId ? new Date(s.confirmed.at.getTime() + CONFIRMATION_WINDOW_MS).toISOString() : undefined;
  const status = () => statusOf({ deps, s, confirmedUntil });
  const changed = (): AuthStatus => {
    const next = status();
    events.emit('auth.changed', next);
    return next;
  };
  const activeId = settings.get().activeProfileId;
  const restored = (activeId ? sessions.load(activeId) : Promise.resolve(undefined)).then(
    (stored) => {
      if (!stored || s.current || s.flight) return;
      s.current = stored;
      changed();
    },
    () => log.warn('The stored Salesforce session could not be opened; sign in again.'),
  );
  return {
    deps,
    s,
    now: deps.now ?? (() => new Date()),
    sessions,
    others: createProfileSessions(sessions, log, (id) => settings.profile(id)),
    listeners: new Set<(session: AdminSession) => void>(),
    restored,
    status,
    changed,
    confirmedUntil,
    record: (operation, result, summary, identity) =>
      void audit.append({
        actor: identity?.username ?? 'admin',
        orgId: identity?.orgId ?? null,
        operation,
        result,
        summary,
        artifacts: [],
      }),
    profileOf: (profileId: string): OrgProfile =>
      settings.profile(profileId) ??
      fail('PROFILE_NOT_FOUND', 'That org profile no longer exists. Choose another one in Settings.', { action: 'openSettings' }),
  };
}
