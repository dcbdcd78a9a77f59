import type { HealthNotice } from '../../common';
import type { AdminSession, AdminSessionSource } from '../auth/session-source';
import { createHealthMonitor, type HealthMonitor, type HealthTimers } from './health/health-monitor';
import { createAccessProfileStore } from '../agent/profile-store';
import { createAgentService } from '../agent/service';
import type { Logger } from '../log';
import { defaultRetryPolicy, realSleep, type Sleep } from '../salesforce/retry';
import type { EventSink } from '../host-seams';
import type { AgentService } from '../agent/service';
import type { AuditLog } from '../store/audit-log';
import type { DocumentStoreFactory } from '../store/document-store';
import { createJournal } from '../store/journal';
import type { SettingsRepository } from '../store/settings-repository';
import type { SecretVault } from '../store/vault';
import { createConnectionRecordStore } from './record/record-store';
import { createConnectionLifecycle, type ConnectionLifecycle as RunLifecycle } from './service';

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
  /** Any org profile's own session (the scheduled checks); without it only the signed-in profile's is used. */
  profileSession?: (profileId: string) => Promise<AdminSession | null>;
  /** An org's state changed on a scheduled check (default: the `health.notice` event, which browser mode shows). */
  notify?: (notice: HealthNotice) => void;
  healthTimers?: HealthTimers;
}

export type ConnectionLifecycle = RunLifecycle & { overview: HealthMonitor['overview'] };

export function createConnectionServices(deps: ConnectionDeps): {
  connection: ConnectionLifecycle;
  agent: AgentService;
  health: HealthMonitor;
} {
  const now = deps.now ?? (() => new Date());
  const sleep = deps.sleep ?? realSleep;
  const profiles = createAccessProfileStore(deps.stores);
  const retry = { ...defaultRetryPolicy, sleep };
  const records = createConnectionRecordStore(deps.stores);
  const lifecycle = createConnectionLifecycle({
    settings: deps.settings,
    vault: deps.vault,
    auth: deps.auth,
    events: deps.events,
    audit: deps.audit,
    log: deps.log,
    now,
    records,
    journal: createJournal(deps.stores),
    profiles,
    runtime: {
      sleep,
      retry,
      activationTimeoutMs: () => deps.activationTimeoutMs ?? deps.settings.get().activationTimeoutMinutes * 60_000,
      appNotFoundWindowMs: () => deps.settings.get().appNotFoundMinutes * 60_000,
      resumeWaiting: deps.resumeWaiting ?? true,
    },
  });
  const agent = createAgentService({ auth: deps.auth, profiles, retry, profileChanged: (profile) => lifecycle.profileChanged(profile) });
  const health = createHealthMonitor({
    settings: deps.settings,
    records,
    log: deps.log,
    now,
    sessionOf:
      deps.profileSession ??
      ((id) => (id === deps.settings.get().activeProfileId ? deps.auth.session().catch(() => null) : Promise.resolve(null))),
    checkOrg: (admin) => lifecycle.checkOrg(admin),
    busy: () => lifecycle.busy(),
    notice: deps.notify ?? ((notice) => deps.events.emit('health.notice', notice)),
    ...(deps.healthTimers && { timers: deps.healthTimers }),
  });
  const connection: ConnectionLifecycle = Object.assign(lifecycle, { overview: health.overview });
  return { connection, agent, health };
}
