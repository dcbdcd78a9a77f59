import type { Connection } from 'jsforce';
import type { AuthStatus, Identity, OrgProfile, SignInStarted } from '../../common';
import { fail } from '../../common/errors';
import type { Logger } from '../log';
import type { AuditLog, AuthService, EventSink } from '../services/ports';
import type { DocumentStoreFactory } from '../store/document-store';
import type { SettingsRepository } from '../store/settings-repository';
import type { SecretVault } from '../store/vault';

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
}

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
}

/** Placeholder until the sign-in flow lands: always signed out. */
export function createAuthService(deps: AuthDeps): AdminAuth {
  const status = (): AuthStatus => ({ state: 'signedOut', profileId: deps.settings.get().activeProfileId });
  return {
    status,
    signIn: (): Promise<SignInStarted> => fail('SIGN_IN_FAILED', 'Sign-in is not available yet.'),
    cancel: status,
    signOut: () => Promise.resolve(status()),
    session: () => fail('NOT_SIGNED_IN', 'Sign in to Salesforce first.', { action: 'signIn' }),
    onSignedIn: () => () => undefined,
  };
}
