import type { AdminSessionSource } from './session-source';
import { createAccessProfileStore } from '../agent/profile-store';
import { createAgentService } from '../agent/service';
import type { Logger } from '../log';
import { defaultRetryPolicy, realSleep, type Sleep } from '../salesforce/retry';
import type { AgentService, AuditLog, EventSink } from '../transport/service-interfaces';
import type { DocumentStoreFactory } from '../store/document-store';
import { createJournal } from '../store/journal';
import type { SettingsRepository } from '../store/settings-repository';
import type { SecretVault } from '../store/vault';
import { createConnectionRecordStore } from './record-store';
import { createConnectionLifecycle, type ConnectionLifecycle } from './service';

export interface ConnectionDeps {
  settings: SettingsRepository;
  stores: DocumentStoreFactory;
  vault: SecretVault;
  /** Only the admin's session is needed (and a nudge after each sign-in). */
  auth: AdminSessionSource;
  events: EventSink;
  audit: AuditLog;
  log: Logger;
  now?: () => Date;
  /** Waiting between retries and activation attempts; tests pass one that advances a fake clock. */
  sleep?: Sleep;
  /** How long activation keeps trying; without it the `activationTimeoutMinutes` setting decides at each run. */
  activationTimeoutMs?: number;
  /**
   * A connection left waiting for Salesforce resumes its wait by itself once the admin's session is
   * there (default). The CLI turns this off: one command per process, and `resume` says when.
   */
  resumeWaiting?: boolean;
}

export type { ConnectionLifecycle };

export function createConnectionServices(deps: ConnectionDeps): { connection: ConnectionLifecycle; agent: AgentService } {
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? realSleep;
  const profiles = createAccessProfileStore(deps.stores);
  const retry = { ...defaultRetryPolicy, sleep };
  const connection = createConnectionLifecycle({
    settings: deps.settings,
    vault: deps.vault,
    auth: deps.auth,
    events: deps.events,
    audit: deps.audit,
    log: deps.log,
    now,
    records: createConnectionRecordStore(deps.stores),
    journal: createJournal(deps.stores),
    profiles,
    runtime: {
      sleep,
      retry,
      activationTimeoutMs: () => deps.activationTimeoutMs ?? deps.settings.get().activationTimeoutMinutes * 60_000,
      resumeWaiting: deps.resumeWaiting ?? true,
    },
  });
  const agent = createAgentService({ auth: deps.auth, profiles, retry, profileChanged: (profile) => connection.profileChanged(profile) });
  return { connection, agent };
}
