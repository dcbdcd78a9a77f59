import type { Connection } from 'jsforce';
import { loginUrlOf, type OrgProfile } from '../../common';
import type { Logger } from '../log';
import { createAdminConnection } from './admin-connection';
import { revokeTokens } from './revoke';
import { requireSessionFits, type IssuedFor } from './session-binding';
import type { SessionStore, StoredSession } from './session-store';

/** A profile's stored session with a connection that keeps its own vault entry up to date. */
export interface ProfileSession {
  profile: OrgProfile;
  identity: StoredSession['identity'];
  loginUrl: string;
  connection: Connection;
}

/**
 * The sessions of profiles other than the one the screens use (the scheduled checks, `status --all`):
 * each refreshes and ends on its own, and writes only its own profile's vault entry.
 */
export function createProfileSessions(sessions: SessionStore, log: Logger, profileNow: (id: string) => OrgProfile | undefined) {
  const open = new Map<string, { connection: Connection; stored: StoredSession }>();

  const update = (profileId: string, change: (stored: StoredSession) => StoredSession) => {
    const entry = open.get(profileId);
    if (!entry) return;
    entry.stored = change(entry.stored);
    void sessions.save(entry.stored).catch(() => log.warn('Could not store the refreshed session.'));
  };

  async function sessionOf(profile: OrgProfile): Promise<ProfileSession | null> {
    const known = open.get(profile.id);
    const stored = known?.stored ?? (await sessions.load(profile.id));
    if (!stored?.tokens) return null;
    let issuedFor: IssuedFor;
    try {
      issuedFor = requireSessionFits(profile, stored);
    } catch {
      // The profile points elsewhere now: the session is revoked where it was issued, never sent on.
      open.delete(profile.id);
      await sessions.clear(profile.id);
      await revokeTokens(stored.identity.instanceUrl, [stored.tokens.accessToken, stored.tokens.refreshToken], log);
      return null;
    }
    const connection =
      known?.connection ??
      createAdminConnection({
        profile,
        issuedFor,
        guard: () => void requireSessionFits(profileNow(profile.id) ?? profile, stored),
        instanceUrl: stored.identity.instanceUrl,
        ...stored.tokens,
        onAccessToken: (accessToken) => {
          log.registerSecret(accessToken);
          update(profile.id, (s) => (s.tokens ? { ...s, tokens: { ...s.tokens, accessToken } } : s));
        },
        onSessionRejected: () => {
          update(profile.id, (s) => ({ ...s, tokens: undefined }));
          open.delete(profile.id);
        },
      });
    open.set(profile.id, { connection, stored });
    return { profile, identity: stored.identity, loginUrl: loginUrlOf(profile), connection };
  }

  return {
    sessionOf,
    /** A sign-in or sign-out of the profile replaced its session: the next use reads it again. */
    forget: (profileId: string) => open.delete(profileId),
  };
}
export type ProfileSessions = ReturnType<typeof createProfileSessions>;
