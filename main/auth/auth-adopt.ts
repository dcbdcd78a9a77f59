import type { Connection } from 'jsforce';
import { loginUrlOf, type OrgProfile } from '../../common';
import { fail } from '../../common/app-error-schema';
import { createAdminConnection } from './admin-connection';
import { loadAdminFacts, type AdminFacts } from './admin-identity';
import type { AdminSession, AuthKit } from './auth-types';
import { revokeTokens } from './revoke';
import { issuedForOf, requireSessionFits, type IssuedFor } from './session-binding';
import type { StoredSession } from './session-store';
import type { TokenSet } from './tokens';

/** What happens to the current session when Salesforce refreshes or ends it, and who hears of a sign-in. */
function sessionEvents(kit: AuthKit) {
  const { s, sessions, listeners } = kit;
  const { log } = kit.deps;
  return {
    sessionRejected: () => {
      if (!s.current?.tokens) return;
      s.current = { ...s.current, tokens: undefined };
      s.connection = undefined;
      s.confirmed = undefined;
      log.info('Salesforce ended the admin session; the admin has to sign in again.');
      void sessions.save(s.current).catch(() => log.warn('Could not record the ended session.'));
      kit.changed();
    },
    accessTokenRefreshed: (accessToken: string) => {
      log.registerSecret(accessToken);
      if (!s.current?.tokens) return;
      s.current = { ...s.current, tokens: { ...s.current.tokens, accessToken } };
      void sessions.save(s.current).catch(() => log.warn('Could not store the refreshed session.'));
    },
    announce: (session: AdminSession) => {
      for (const listener of listeners) {
        try {
          listener(session);
        } catch {
          log.warn('A follow-up of the sign-in failed.'); // the sign-in itself stands
        }
      }
    },
  };
}

/** Making a session the current one, and its connection: refreshed tokens are kept, a refused refresh ends it. */
export function createAdoption(kit: AuthKit) {
  const { s, sessions, others } = kit;
  const { log } = kit.deps;
  const { sessionRejected, accessTokenRefreshed, announce } = sessionEvents(kit);

  /** Only the adopted connection speaks for the session; one still being set up must not end it. */
  const connect = (
    profile: OrgProfile,
    instanceUrl: string,
    tokens: NonNullable<StoredSession['tokens']>,
    issuedFor: IssuedFor = issuedForOf(profile),
  ): Connection => {
    requireSessionFits(profile, { issuedFor, identity: { instanceUrl } });
    const conn: Connection = createAdminConnection({
      profile,
      issuedFor,
      // Every refresh asks again: the profile as saved now, the host policy as it stands now.
      guard: () => void requireSessionFits(kit.profileOf(profile.id), { issuedFor, identity: { instanceUrl } }),
      instanceUrl,
      ...tokens,
      onAccessToken: (accessToken) => (s.connection === conn ? accessTokenRefreshed(accessToken) : log.registerSecret(accessToken)),
      onSessionRejected: () => s.connection === conn && sessionRejected(),
    });
    return conn;
  };

  const currentSession = (profile: OrgProfile, conn: Connection): AdminSession => {
    if (!s.current) return fail('NOT_SIGNED_IN', 'Sign in to Salesforce first.', { action: 'signIn' });
    return { profile, identity: s.current.identity, loginUrl: loginUrlOf(profile), connection: conn };
  };

  /** Replaces the profile's session; its previous tokens are revoked, not left behind. Other profiles keep theirs. */
  const adopt = async (profile: OrgProfile, tokens: TokenSet, conn: Connection, facts: AdminFacts, viaBrowser: boolean) => {
    const previous = s.current;
    const next: StoredSession = {
      version: 1,
      profileId: profile.id,
      ...facts,
      issuedFor: issuedForOf(profile),
      tokens: { accessToken: tokens.accessToken, ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}) },
    };
    await sessions.save(next);
    others.forget(profile.id);
    s.current = next;
    s.connection = conn;
    s.lastError = undefined;
    s.confirmed = viaBrowser ? { userId: facts.identity.userId, at: kit.now() } : undefined;
    if (previous?.tokens && previous.profileId === profile.id)
      await revokeTokens(previous.identity.instanceUrl, [previous.tokens.accessToken, previous.tokens.refreshToken], log);
    kit.record('auth.signIn', 'success', `Signed in to ${facts.identity.orgName} as ${facts.identity.username}.`, facts.identity);
    announce(currentSession(profile, conn));
  };

  const establish = async (profile: OrgProfile, tokens: TokenSet, stillWanted: () => boolean) => {
    log.registerSecret(tokens.accessToken);
    if (tokens.refreshToken) log.registerSecret(tokens.refreshToken);
    const conn = connect(profile, tokens.instanceUrl, tokens);
    try {
      const facts = await loadAdminFacts(conn, tokens, profile.environment);
      if (!stillWanted()) fail('SIGN_IN_CANCELLED', 'The sign-in was cancelled.', { action: 'signIn' });
      await adopt(profile, tokens, conn, facts, true);
    } catch (thrown) {
      // Tokens of a sign-in that did not become the session must not stay valid at Salesforce.
      await revokeTokens(tokens.instanceUrl, [tokens.accessToken, tokens.refreshToken], log);
      throw thrown;
    }
  };

  return { connect, adopt, currentSession, establish };
}
export type Adoption = ReturnType<typeof createAdoption>;
