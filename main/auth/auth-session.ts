import { z } from 'zod';
import type { AuthStatus, OrgProfile } from '../../common';
import { AppFailure, appError, fail, toAppError } from '../../common/app-error-schema';
import { salesforceAppError } from '../salesforce/errors';
import type { Adoption } from './auth-adopt';
import { loadAdminFacts } from './admin-identity';
import { CONFIRMATION_WINDOW_MS, type AdminSession, type AuthKit } from './auth-types';
import { requireAllowedHost } from './host-policy';
import { endStoredSession } from './session-end';
import { requireSessionFits, type IssuedFor } from './session-binding';
import type { StoredSession } from './session-store';
import type { TokenSet } from './tokens';

const userinfoSchema = z.object({
  user_id: z.string().regex(/^005[A-Za-z0-9]{12,15}$/),
  organization_id: z.string().regex(/^00D[A-Za-z0-9]{12,15}$/),
});

/** A session whose profile now points elsewhere is revoked where it was issued and forgotten, never sent on. */
async function unlessChanged(kit: AuthKit, profile: OrgProfile, stored: StoredSession): Promise<IssuedFor> {
  try {
    return requireSessionFits(profile, stored);
  } catch (thrown) {
    await endStoredSession(kit, stored, 'its org profile changed since the sign-in.');
    throw thrown;
  }
}

/** A session that just ended (its profile changed) is no session for the scheduled checks. */
function endedIsNone(thrown: unknown): null {
  if (thrown instanceof AppFailure && (thrown.error.code === 'SESSION_EXPIRED' || thrown.error.code === 'PROFILE_INVALID')) return null;
  throw thrown;
}

/** The current session as the services use it, and any profile's own (the scheduled checks). */
export function createSessionAccess(kit: AuthKit, adoption: Adoption) {
  const { s } = kit;

  const session = async (): Promise<AdminSession> => {
    await kit.restored;
    if (!s.current) return fail('NOT_SIGNED_IN', 'Sign in to Salesforce first.', { action: 'signIn' });
    if (!s.current.tokens) return fail('SESSION_EXPIRED', 'Your Salesforce session has ended. Sign in again.', { action: 'signIn' });
    const profile = kit.profileOf(s.current.profileId);
    if (!s.connection) {
      const issuedFor = await unlessChanged(kit, profile, s.current);
      s.connection = adoption.connect(profile, s.current.identity.instanceUrl, s.current.tokens, issuedFor);
    }
    return adoption.currentSession(profile, s.connection);
  };

  /** A refused refresh surfaces from jsforce as a generic error; the status says what it was. */
  const asSessionError = (thrown: unknown): AppFailure =>
    kit.status().state === 'expired'
      ? new AppFailure(appError('SESSION_EXPIRED', 'Your Salesforce session has ended. Sign in again.', { action: 'signIn' }))
      : thrown instanceof AppFailure
        ? thrown
        : new AppFailure(toAppError(thrown));

  const verify = async (): Promise<AuthStatus> => {
    const active = await session();
    try {
      const facts = await loadAdminFacts(active.connection, active.identity, active.profile.environment);
      if (s.current?.tokens) {
        s.current = { ...s.current, ...facts };
        await kit.sessions.save(s.current);
      }
      return kit.changed();
    } catch (thrown) {
      throw asSessionError(thrown);
    }
  };

  const signInWithAccessToken = async (input: { profileId: string; instanceUrl: string; accessToken: string }): Promise<AuthStatus> => {
    await kit.restored;
    const profile = kit.profileOf(input.profileId);
    requireAllowedHost(profile, input.instanceUrl);
    kit.deps.log.registerSecret(input.accessToken);
    const conn = adoption.connect(profile, input.instanceUrl, { accessToken: input.accessToken });
    try {
      const who = userinfoSchema.parse(await conn.request({ method: 'GET', url: '/services/oauth2/userinfo' }));
      const tokens: TokenSet = {
        accessToken: input.accessToken,
        instanceUrl: new URL(input.instanceUrl).origin,
        orgId: who.organization_id,
        userId: who.user_id,
      };
      await adoption.adopt(profile, tokens, conn, await loadAdminFacts(conn, tokens, profile.environment), false);
      return kit.changed();
    } catch (thrown) {
      if (thrown instanceof AppFailure) throw thrown;
      return fail('SIGN_IN_FAILED', 'Salesforce did not accept that access token for this instance URL.', { action: 'signIn' });
    }
  };

  const profileSession = async (profileId: string): Promise<AdminSession | null> => {
    await kit.restored;
    if (s.current?.profileId === profileId) return s.current.tokens ? session().catch(endedIsNone) : null;
    const profile = kit.deps.settings.profile(profileId);
    return profile ? kit.others.sessionOf(profile) : null;
  };

  return { session, verify, signInWithAccessToken, profileSession, confirmedSession: createConfirmation(kit, session, asSessionError) };
}

/** The session of an admin who just proved it is them (AuthDeps.stepUp), or CONFIRMATION_REQUIRED / SESSION_EXPIRED. */
function createConfirmation(kit: AuthKit, session: () => Promise<AdminSession>, asSessionError: (thrown: unknown) => AppFailure) {
  /**
   * Salesforce still accepts the session, and it is still the same user. The API call comes first:
   * it renews an expired access token (or finds the session ended), which the identity call would not.
   */
  const stillAccepted = async (active: AdminSession): Promise<void> => {
    let who: z.infer<typeof userinfoSchema>;
    try {
      await active.connection.query('SELECT Id FROM Organization');
      who = userinfoSchema.parse(await active.connection.request({ method: 'GET', url: '/services/oauth2/userinfo' }));
    } catch (thrown) {
      if (kit.status().state === 'expired') throw asSessionError(thrown);
      throw new AppFailure(salesforceAppError(thrown, 'checking your Salesforce session'));
    }
    // Ids come as 15 or 18 characters; the first 15 identify the user.
    if (who.user_id.slice(0, 15) !== active.identity.userId.slice(0, 15))
      fail('SESSION_EXPIRED', 'The Salesforce session no longer belongs to the signed-in admin. Sign in again.', { action: 'signIn' });
  };

  return async (): Promise<AdminSession> => {
    const active = await session();
    if (kit.deps.stepUp === 'liveSession') {
      await stillAccepted(active);
      return active;
    }
    const until = kit.confirmedUntil(active.identity.userId);
    if (!until || Date.parse(until) < kit.now().getTime()) {
      fail(
        'CONFIRMATION_REQUIRED',
        `Confirm it is you: sign in to Salesforce again, then export within ${CONFIRMATION_WINDOW_MS / 60_000} minutes.`,
        {
          action: 'signIn',
          params: { minutes: CONFIRMATION_WINDOW_MS / 60_000 },
        },
      );
    }
    return active;
  };
}
