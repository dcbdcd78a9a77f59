import type { ConnectionState } from '../../../common';
import type { AccessProfileStore } from '../../agent/profile-store';
import type { Logger } from '../../log';
import type { EventSink } from '../../host-seams';
import type { AuditLog } from '../../store/audit-log';
import type { Journal } from '../../store/journal';
import type { SettingsRepository } from '../../store/settings-repository';
import type { SecretVault } from '../../store/vault';
import type { ConnectionRecord, ConnectionRecordStore } from '../record/record-store';
import type { ConnectionRuntime, RunContexts, RunDeps } from './run-context';
import type { RunScheduler } from './scheduler';
import type { AdminSession, AdminSessionSource } from '../../auth/session-source';

export interface ConnectionServiceDeps {
  settings: SettingsRepository;
  vault: SecretVault;
  /** Only the admin's session is needed (and a nudge after each sign-in). */
  auth: AdminSessionSource;
  events: EventSink;
  audit: AuditLog;
  log: Logger;
  now: () => Date;
  records: ConnectionRecordStore;
  journal: Journal;
  profiles: AccessProfileStore;
  runtime: ConnectionRuntime;
}

/** What the parts of the connection service (runs, inspection, exports) share. */
export interface ConnectionCore {
  deps: ConnectionServiceDeps;
  run: RunDeps;
  contexts: RunContexts;
  scheduler: RunScheduler;
  state(): ConnectionState;
  /** The state now, also sent to the screens. */
  changed(): ConnectionState;
  session(): Promise<AdminSession>;
  requireRecord(): { orgId: string; record: ConnectionRecord };
}
