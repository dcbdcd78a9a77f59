import type { Connection } from 'jsforce';
import { z } from 'zod';
import { loginUrlOf, type AuthStatus, type Identity, type OrgProfile, type SignInStarted } from '../../common';
import { AppFailure, appError, fail, toAppError, type AppError } from '../../common/app-error-schema';
import type { Logger } from '../log';
import type { AuditLog, AuthService, EventSink } from '../transport/service-interfaces';
import type { DocumentStoreFactory } from '../store/document-store';
import type { SettingsRepository } from '../store/settings-repository';
import type { SecretVault } from '../store/vault';
import { salesforceAppError } from '../salesforce/errors';
import { createAdminConnection } from './admin-connection';
import { requireAllowedHost } from './host-policy';
import { loadAdminFacts, type AdminFacts } from './admin-identity';
import { revokeTokens } from './revoke';
import { createSessionStore, type StoredSession } from './session-store';
import { beginSignIn, DEFAULT_SIGN_IN_TIMEOUT_MS, type SignInAttempt } from './sign-in-flow';
import type { TokenSet } from './tokens';

export interface AuthDeps {
  settings: SettingsRepository;
  stores: DocumentStoreFactory;
  vault: SecretVault;
  events: EventSink;
  audit: AuditLog;
  log: Logger;
  /** Desktop/CLI: opens the system browser (guarded). null: the page (browser mode) opens it. */
  openAuthorizeUrl: ((url: string) => Promise<boolean>) | null;
  now?: () => Date;
  /** How long a browser sign-in may take (2 minutes unless a test says otherwise). */
  signInTimeoutMs?: number;
  /**
   * What proves the admin is there before a secret leaves: a browser sign-in within the last few
   * minutes where someone may sit at an unlocked screen (default), or a session Salesforce still
   * accepts for the CLI, whose user typed the command in their own shell.
   */
  stepUp?: 'recentSignIn' | 'liveSession';
}

/** How long a browser sign-in counts as the admin confirming it is them. */
export const CONFIRMATION_WINDOW_MS = 5 * 60_000;

/** The signed-in admin, for the services that act in their org. */
export interface AdminSession {
  profile: OrgProfile;
  identity: Identity;
  loginUrl: string;
  /** A jsforce connection that refreshes its access token by itself on INVALID_SESSION_ID. */
  connection: Connection;
}

export interface AdminAuth extends AuthService {
  /** The current admin session, or NOT_SIGNED_IN / SESSION_EXPIRED. */
  session(): Promise<AdminSession>;
  /** Called after every successful sign-in (e.g. to run the health check). */
  onSignedIn(listener: (session: AdminSession) => void): () => void;
  /** Resolves once the session stored by an earlier run has been restored. */
  ready(): Promise<void>;
  /** Resolves when the sign-in in flight ends: `signedIn`, or `signedOut` with its `lastError`. */
  waitForSignIn(): Promise<AuthStatus>;
  /** Automation: a session from an access token obtained elsewhere (no refresh; it ends when the token does). */
  signInWithAccessToken(input: { profileId: string; instanceUrl: string; accessToken: string }): Promise<AuthStatus>;
  /** Reads identity and rights again with the current session (and refreshes it if needed). */
  verify(): Promise<AuthStatus>;
  /** The session of an admin who just proved it is them (see `stepUp`), or CONFIRMATION_REQUIRED / SESSION_EXPIRED. */
  confirmedSession(): Promise<AdminSession>;
}

interface Flight {
  attempt: SignInAttempt;
  profileId: string;
  settled: Promise<AuthStatus>;
}

const userinfoSchema = z.object({ user_id: z.string().regex(/^005[A-Za-z0-9]{12,15}$/), organization_id: z.string().regex(/^00D[A-Za-z0-9]{12,15}$/) });

export function createAuthService(deps: AuthDeps): AdminAuth {
  const { settings, events, log, audit } = deps;
  const now = deps.now ?? (() => new Date());
  const sessions = createSessionStore(deps.vault, log);
  const listeners = new Set<(session: AdminSession) => void>();
  let current: StoredSession | undefined;
  let connection: Connection | undefined;
  let flight: Flight | undefined;
  let lastError: AppError | undefined;
  /** The last browser sign-in in this process; a restored or token-only session confirms nobody. */
  let confirmed: { userId: string; at: Date } | undefined;
  const confirmedUntil = (userId: string): string | undefined =>
    confirmed?.userId === userId ? new Date(confirmed.at.getTime() + CONFIRMATION_WINDOW_MS).toISOString() : undefined;

  const status = (): AuthStatus => {
    if (flight) {
      const { attempt, profileId } = flight;
      return { state: 'signingIn', profileId, authorizeUrl: attempt.authorizeUrl, expiresAt: attempt.expiresAt.toISOString() };
    }
    if (current?.tokens) {
      const { profileId, identity, permissions } = current;
      const until = confirmedUntil(identity.userId);
      return { state: 'signedIn', profileId, identity, permissions, sessionStorage: deps.vault.protection, ...(until && { confirmedUntil: until }) };
    }
    if (current) return { state: 'expired', profileId: current.profileId, identity: current.identity };
    const profileId = settings.get().activeProfileId;
    return lastError ? { state: 'signedOut', profileId, lastError } : { state: 'signedOut', profileId };
  };
  const changed = (): AuthStatus => {
    const next = status();
    events.emit('auth.changed', next);
    return next;
  };
  const record = (operation: string, result: 'success' | 'failure', summary: string, identity?: Identity) =>
    audit.append({ actor: identity?.username ?? 'admin', orgId: identity?.orgId ?? null, operation, result, summary, artifacts: [] });

  const restored = sessions.load().then(
    (stored) => {
      if (!stored || current || flight) return;
      current = stored;
      changed();
    },
    () => log.warn('The stored Salesforce session could not be opened; sign in again.'),
  );

  const profileOf = (profileId: string): OrgProfile =>
    settings.profile(profileId) ??
    fail('PROFILE_NOT_FOUND', 'That org profile no longer exists. Choose another one in Settings.', { action: 'openSettings' });

  const sessionRejected = () => {
    if (!current?.tokens) return;
    current = { ...current, tokens: undefined };
    connection = undefined;
    confirmed = undefined;
    log.info('Salesforce ended the admin session; the admin has to sign in again.');
    void sessions.save(current).catch(() => log.warn('Could not record the ended session.'));
    changed();
  };
  const accessTokenRefreshed = (accessToken: string) => {
    log.registerSecret(accessToken);
    if (!current?.tokens) return;
    current = { ...current, tokens: { ...current.tokens, accessToken } };
    void sessions.save(current).catch(() => log.warn('Could not store the refreshed session.'));
  };
  /** Only the adopted connection speaks for the session; one still being set up must not end it. */
  const connect = (profile: OrgProfile, instanceUrl: string, tokens: NonNullable<StoredSession['tokens']>): Connection => {
    const conn: Connection = createAdminConnection({
      profile,
      instanceUrl,
      ...tokens,
      onAccessToken: (accessToken) => (connection === conn ? accessTokenRefreshed(accessToken) : log.registerSecret(accessToken)),
      onSessionRejected: () => connection === conn && sessionRejected(),
    });
    return conn;
  };

  /** Replaces whatever session there was; the previous one's tokens are revoked, not left behind. */
  const adopt = async (profile: OrgProfile, tokens: TokenSet, conn: Connection, facts: AdminFacts, viaBrowser: boolean) => {
    const previous = current;
    const next: StoredSession = {
      version: 1,
      profileId: profile.id,
      ...facts,
      tokens: { accessToken: tokens.accessToken, ...(tokens.refreshToken ? { refreshToken: tokens.refreshToken } : {}) },
    };
    await sessions.save(next);
    current = next;
    connection = conn;
    lastError = undefined;
    confirmed = viaBrowser ? { userId: facts.identity.userId, at: now() } : undefined;
    if (previous?.tokens) await revokeTokens(previous.identity.instanceUrl, [previous.tokens.accessToken, previous.tokens.refreshToken], log);
    record('auth.signIn', 'success', `Signed in to ${facts.identity.orgName} as ${facts.identity.username}.`, facts.identity);
    const session = currentSession(profile, conn);
    for (const listener of listeners) {
      try {
        listener(session);
      } catch {
        log.warn('A follow-up of the sign-in failed.'); // the sign-in itself stands
      }
    }
  };

  const currentSession = (profile: OrgProfile, conn: Connection): AdminSession => {
    if (!current) return fail('NOT_SIGNED_IN', 'Sign in to Salesforce first.', { action: 'signIn' });
    return { profile, identity: current.identity, loginUrl: loginUrlOf(profile), connection: conn };
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

  const land = (ended: Flight, error?: AppError): AuthStatus => {
    if (flight !== ended) return status();
    flight = undefined;
    if (error) {
      lastError = error;
      log.warn('Sign-in ended without a session.', { code: error.code });
      record('auth.signIn', 'failure', error.message);
    }
    return changed();
  };

  const signIn = async (profileId?: string): Promise<SignInStarted> => {
    await restored;
    if (flight) fail('SIGN_IN_IN_PROGRESS', 'A sign-in is already waiting in your browser. Finish it there or cancel it first.', { action: 'signIn' });
    const profile = profileId
      ? profileOf(profileId)
      : (settings.activeProfile() ?? fail('PROFILE_NOT_FOUND', 'Add an org profile in Settings first.', { action: 'openSettings' }));
    requireAllowedHost(profile);
    // The attempt's callbacks need to know their own flight, which exists only once the attempt does.
    const mine: { flight?: Flight } = {};
    const attempt = await beginSignIn(profile, {
      timeoutMs: deps.signInTimeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
      now,
      complete: (tokens) => establish(profile, tokens, () => flight !== undefined && flight === mine.flight),
    });
    const settled = attempt.done.then(
      () => (mine.flight ? land(mine.flight) : status()),
      (thrown: unknown) => (mine.flight ? land(mine.flight, toAppError(thrown)) : status()),
    );
    mine.flight = { attempt, profileId: profile.id, settled };
    flight = mine.flight;
    lastError = undefined;
    changed();
    if (!deps.openAuthorizeUrl) return { authorizeUrl: attempt.authorizeUrl, openedBy: 'page' };
    if (!(await deps.openAuthorizeUrl(attempt.authorizeUrl).catch(() => false))) {
      cancel();
      fail('OPEN_EXTERNAL_REFUSED', 'Agent Connections will not open this sign-in address. Check the org profile\u2019s login URL.', { action: 'openSettings' });
    }
    return { authorizeUrl: attempt.authorizeUrl, openedBy: 'app' };
  };

  const cancel = (): AuthStatus => {
    const ending = flight;
    if (!ending) return status();
    flight = undefined;
    ending.attempt.cancel();
    return changed();
  };

  const signOut = async (): Promise<AuthStatus> => {
    await restored;
    cancel();
    const ending = current;
    current = undefined;
    connection = undefined;
    lastError = undefined;
    confirmed = undefined;
    await sessions.clear();
    if (ending?.tokens) await revokeTokens(ending.identity.instanceUrl, [ending.tokens.accessToken, ending.tokens.refreshToken], log);
    if (ending) record('auth.signOut', 'success', `Signed out of ${ending.identity.orgName}.`, ending.identity);
    return changed();
  };

  const session = async (): Promise<AdminSession> => {
    await restored;
    if (!current) return fail('NOT_SIGNED_IN', 'Sign in to Salesforce first.', { action: 'signIn' });
    if (!current.tokens) return fail('SESSION_EXPIRED', 'Your Salesforce session has ended. Sign in again.', { action: 'signIn' });
    const profile = profileOf(current.profileId);
    connection ??= connect(profile, current.identity.instanceUrl, current.tokens);
    return currentSession(profile, connection);
  };

  /** A refused refresh surfaces from jsforce as a generic error; the status says what it was. */
  const asSessionError = (thrown: unknown): AppFailure =>
    status().state === 'expired'
      ? new AppFailure(appError('SESSION_EXPIRED', 'Your Salesforce session has ended. Sign in again.', { action: 'signIn' }))
      : thrown instanceof AppFailure
        ? thrown
        : new AppFailure(toAppError(thrown));

  const verify = async (): Promise<AuthStatus> => {
    const active = await session();
    try {
      const facts = await loadAdminFacts(active.connection, active.identity, active.profile.environment);
      if (current?.tokens) {
        current = { ...current, ...facts };
        await sessions.save(current);
      }
      return changed();
    } catch (thrown) {
      throw asSessionError(thrown);
    }
  };

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
      if (status().state === 'expired') throw asSessionError(thrown);
      throw new AppFailure(salesforceAppError(thrown, 'checking your Salesforce session'));
    }
    // Ids come as 15 or 18 characters; the first 15 identify the user.
    if (who.user_id.slice(0, 15) !== active.identity.userId.slice(0, 15)) fail('SESSION_EXPIRED', 'The Salesforce session no longer belongs to the signed-in admin. Sign in again.', { action: 'signIn' });
  };

  const confirmedSession = async (): Promise<AdminSession> => {
    const active = await session();
    if (deps.stepUp === 'liveSession') {
      await stillAccepted(active);
      return active;
    }
    const until = confirmedUntil(active.identity.userId);
    if (!until || Date.parse(until) < now().getTime()) {
      fail('CONFIRMATION_REQUIRED', `Confirm it is you: sign in to Salesforce again, then export within ${CONFIRMATION_WINDOW_MS / 60_000} minutes.`, {
        action: 'signIn',
        params: { minutes: CONFIRMATION_WINDOW_MS / 60_000 },
      });
    }
    return active;
  };

  const signInWithAccessToken = async (input: { profileId: string; instanceUrl: string; accessToken: string }): Promise<AuthStatus> => {
    await restored;
    const profile = profileOf(input.profileId);
    requireAllowedHost(profile, input.instanceUrl);
    log.registerSecret(input.accessToken);
    const conn = connect(profile, input.instanceUrl, { accessToken: input.accessToken });
    try {
      const who = userinfoSchema.parse(await conn.request({ method: 'GET', url: '/services/oauth2/userinfo' }));
      const tokens: TokenSet = { accessToken: input.accessToken, instanceUrl: new URL(input.instanceUrl).origin, orgId: who.organization_id, userId: who.user_id };
      await adopt(profile, tokens, conn, await loadAdminFacts(conn, tokens, profile.environment), false);
      return changed();
    } catch (thrown) {
      if (thrown instanceof AppFailure) throw thrown;
      return fail('SIGN_IN_FAILED', 'Salesforce did not accept that access token for this instance URL.', { action: 'signIn' });
    }
  };

  return {
    status,
    signIn,
    cancel,
    signOut,
    session,
    verify,
    confirmedSession,
    signInWithAccessToken,
    ready: () => restored,
    waitForSignIn: () => flight?.settled ?? Promise.resolve(status()),
    onSignedIn(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
