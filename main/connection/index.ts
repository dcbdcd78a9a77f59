import type { ConnectionState } from '../../common';
import { defaultAccessProfile } from '../../common';
import { fail } from '../../common/errors';
import type { AdminAuth } from '../auth';
import type { Logger } from '../log';
import type { AgentService, AuditLog, ConnectionService, EventSink } from '../services/ports';
import type { DocumentStoreFactory } from '../store/document-store';
import type { SettingsRepository } from '../store/settings-repository';
import type { SecretVault } from '../store/vault';

export interface ConnectionDeps {
  settings: SettingsRepository;
  stores: DocumentStoreFactory;
  vault: SecretVault;
  auth: AdminAuth;
  events: EventSink;
  audit: AuditLog;
  log: Logger;
  now?: () => Date;
}

/** Placeholder until the connection lifecycle lands: nothing set up, every action needs sign-in. */
export function createConnectionServices(_deps: ConnectionDeps): { connection: ConnectionService; agent: AgentService } {
  const off: ConnectionState = { status: 'off', orgId: null };
  const needSignIn = (): never => fail('NOT_SIGNED_IN', 'Sign in to Salesforce first.', { action: 'signIn' });
  const connection: ConnectionService = {
    state: () => off,
    preflight: needSignIn,
    enable: needSignIn,
    removalPlan: needSignIn,
    disable: needSignIn,
    reconnect: needSignIn,
    recreate: needSignIn,
    updateAccess: needSignIn,
    resume: needSignIn,
    rollback: needSignIn,
    check: needSignIn,
    exportDetails: needSignIn,
    exportCredentials: needSignIn,
    setupUrl: needSignIn,
  };
  const agent: AgentService = {
    accessProfile: () => defaultAccessProfile,
    updateAccessProfile: needSignIn,
    describeObjects: needSignIn,
    describeObject: needSignIn,
  };
  return { connection, agent };
}
