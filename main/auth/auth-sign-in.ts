import type { AuthStatus, SignInStarted } from '../../common';
import { fail, toAppError, type AppError } from '../../common/app-error-schema';
import type { Adoption } from './auth-adopt';
import type { AuthKit, Flight } from './auth-types';
import { requireAllowedHost } from './host-policy';
import { revokeTokens } from './revoke';
import { beginSignIn, DEFAULT_SIGN_IN_TIMEOUT_MS } from './sign-in-flow';

/** The browser sign-in (one at a time), its cancel, and signing out of the current profile only. */
export function createSignIn(kit: AuthKit, adoption: Adoption) {
  const { s, deps } = kit;
  const { log } = deps;

  const land = (ended: Flight, error?: AppError): AuthStatus => {
    if (s.flight !== ended) return kit.status();
    s.flight = undefined;
    if (error) {
      s.lastError = error;
      log.warn('Sign-in ended without a session.', { code: error.code });
      kit.record('auth.signIn', 'failure', error.message);
    }
    return kit.changed();
  };

  const cancel = (): AuthStatus => {
    const ending = s.flight;
    if (!ending) return kit.status();
    s.flight = undefined;
    ending.attempt.cancel();
    return kit.changed();
  };

  const signIn = async (profileId?: string): Promise<SignInStarted> => {
    await kit.restored;
    if (s.flight)
      fail('SIGN_IN_IN_PROGRESS', 'A sign-in is already waiting in your browser. Finish it there or cancel it first.', {
        action: 'signIn',
      });
    const profile = profileId
      ? kit.profileOf(profileId)
      : (deps.settings.activeProfile() ?? fail('PROFILE_NOT_FOUND', 'Add an org profile in Settings first.', { action: 'openSettings' }));
    requireAllowedHost(profile);
    // The attempt's callbacks need to know their own flight, which exists only once the attempt does.
    const mine: { flight?: Flight } = {};
    const attempt = await beginSignIn(profile, {
      timeoutMs: deps.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
      now: kit.now,
      complete: (tokens) => adoption.establish(profile, tokens, () => s.flight !== undefined && s.flight === mine.flight),
    });
    const settled = attempt.done.then(
      () => (mine.flight ? land(mine.flight) : kit.status()),
      (thrown: unknown) => (mine.flight ? land(mine.flight, toAppError(thrown)) : kit.status()),
    );
    mine.flight = { attempt, profileId: profile.id, settled };
    s.flight = mine.flight;
    s.lastError = undefined;
    kit.changed();
    if (!deps.openAuthorizeUrl) return { authorizeUrl: attempt.authorizeUrl, openedBy: 'page' };
    if (!(await deps.openAuthorizeUrl(attempt.authorizeUrl).catch(() => false))) {
      cancel();
      fail('OPEN_EXTERNAL_REFUSED', 'Agent Connections will not open this sign-in address. Check the org profile\u2019s login URL.', {
        action: 'openSettings',
      });
    }
    return { authorizeUrl: attempt.authorizeUrl, openedBy: 'app' };
  };

  /** Ends the current profile's session; the other profiles' sessions stay. */
  const signOut = async (): Promise<AuthStatus> => {
    await kit.restored;
    cancel();
    const ending = s.current;
    s.current = undefined;
    s.connection = undefined;
    s.lastError = undefined;
    s.confirmed = undefined;
    const profileId = ending?.profileId ?? deps.settings.get().activeProfileId;
    if (profileId) {
      kit.others.forget(profileId);
      await kit.sessions.clear(profileId);
    }
    if (ending?.tokens) await revokeTokens(ending.identity.instanceUrl, [ending.tokens.accessToken, ending.tokens.refreshToken], log);
    if (ending) kit.record('auth.signOut', 'success', `Signed out of ${ending.identity.orgName}.`, ending.identity);
    return kit.changed();
  };

  return { signIn, cancel, signOut, waitForSignIn: () => s.flight?.settled ?? Promise.resolve(kit.status()) };
}
