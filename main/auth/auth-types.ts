import type { Connection } from 'jsforce';
import type { AuthStatus, Identity, OrgProfile, OrgProfileInput, SignInStarted } from '../../common';
import type { AppError } from '../../common/app-error-schema';
import type { Logger } from '../log';
import type { EventSink } from '../host-seams';
import type { AuditLog } from '../store/audit-log';
import type { DocumentStoreFactory } from '../store/document-store';
import type { SettingsRepository } from '../store/settings-repository';
import type { SecretVault } from '../store/vault';
import type { ProfileSessions } from './profile-sessions';
import type { SessionStore, StoredSession } from './session-store';
import type { SignInAttempt } from './sign-in-flow';

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
  /** The session of any org profile (the scheduled checks, `status --all`); null when it has none that works. */
  profileSession(profileId: string): Promise<AdminSession | null>;
  /** Reads identity and rights again with the current session (and refreshes it if needed). */
  verify(): Promise<AuthStatus>;
  /** The session of an admin who just proved it is them (see `stepUp`), or CONFIRMATION_REQUIRED / SESSION_EXPIRED. */
  confirmedSession(): Promise<AdminSession>;
}

/** A browser sign-in waiting for Salesforce's redirect. */
export interface Flight {
  attempt: SignInAttempt;
  profileId: string;
  settled: Promise<AuthStatus>;
}

/** What the auth service's parts share: the one session the screens use, a sign-in in flight, and helpers. */
export interface AuthState {
  current?: StoredSession;
  connection?: Connection;
  flight?: Flight;
  lastError?: AppError;
  /** The last browser sign-in in this process; a restored or token-only session confirms nobody. */
  confirmed?: { userId: string; at: Date };
}

export interface AuthKit {
  deps: AuthDeps;
  s: AuthState;
  now: () => Date;
  sessions: SessionStore;
  others: ProfileSessions;
  listeners: Set<(session: AdminSession) => void>;
  restored: Promise<void>;
  status(): AuthStatus;
  /** The status now, also sent to the screens. */
  changed(): AuthStatus;
  record(operation: string, result: 'success' | 'failure', summary: string, identity?: Identity): void;
  profileOf(profileId: string): OrgProfile;
  confirmedUntil(userId: string): string | undefined;
}

export interface AuthService {
  status(): AuthStatus;
  /** Starts the browser sign-in; resolves once the authorize URL is ready (not when it completes). */
  signIn(profileId?: string): Promise<SignInStarted>;
  cancel(): AuthStatus;
  signOut(): Promise<AuthStatus>;
  /** The profile made active: its own session becomes the current one (or none); the others stay stored. */
  follow(profileId: string): Promise<AuthStatus>;
  /** Saves a profile through `save`; one that now signs in elsewhere ends its session, once confirmed (session-end.ts). */
  saveProfile(input: OrgProfileInput, save: (input: OrgProfileInput) => OrgProfile): Promise<OrgProfile>;
}
