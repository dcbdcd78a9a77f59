import type { ConnectionsOverview, ConnectionStatus, HealthNotice, OrgOverview, OrgProfile } from '../../../common';
import { toAppError } from '../../../common/app-error-schema';
import type { Logger } from '../../log';
import type { SettingsRepository } from '../../store/settings-repository';
import { connectionCertificate } from '../record/certificate-expiry';
import type { OrgHealth } from './org-health';
import { PRODUCTION_AUDIENCE, SANDBOX_AUDIENCE } from '../../agent/audience';
import { lastCheckedOf, type ConnectionRecord, type ConnectionRecordStore } from '../record/record-store';
import type { AdminSession } from '../../auth/session-source';

/** Timers the schedule uses; tests pass their own clock. Real ones are unref'd so they never keep a process alive. */
export interface HealthTimers {
  set(run: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: HealthTimers = {
  set: (run, ms) => setTimeout(run, ms).unref(),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface HealthMonitorDeps {
  settings: SettingsRepository;
  records: ConnectionRecordStore;
  log: Logger;
  now: () => Date;
  /** The profile's own session, or null when it has none that works. */
  sessionOf(profileId: string): Promise<AdminSession | null>;
  /** Checks one org; `focus` is whether it is the org the screens show. */
  checkOrg(admin: AdminSession): Promise<OrgHealth>;
  /** A run in the org is under way: the schedule leaves it alone. */
  busy(): boolean;
  /** Says that an org's state changed (desktop notification, browser banner). */
  notice(notice: HealthNotice): void;
  timers?: HealthTimers;
}

/**
 * What kind of org it is: a My Domain profile says nothing, but the connection's audience follows the
 * org's type (fact ORG-TYPE), so a production org behind a My Domain address is still marked production.
 */
function environmentOf(profile: OrgProfile, record: ConnectionRecord | null): OrgOverview['environment'] {
  if (profile.environment !== 'myDomain' || !record) return profile.environment;
  if (record.org.audience === SANDBOX_AUDIENCE) return 'sandbox';
  return record.org.audience === PRODUCTION_AUDIENCE ? 'production' : profile.environment;
}

/** States the admin is told about when a check moves between them. */
const watched: readonly ConnectionStatus[] = ['connected', 'drift', 'error'];

export const HEALTH_CHECK_CONCURRENCY = 4;

/** Runs `work` over `items`, at most `limit` at a time, keeping their order in the result. */
export async function inParallel<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** One org profile's line in the Connections overview, from what is recorded (no request). */
function overviewEntry(deps: HealthMonitorDeps, profile: OrgProfile, hasSession: boolean): OrgOverview {
  const saved = profile.orgId ? deps.records.get(profile.orgId) : null;
  const record = saved?.record ?? null;
  const certificate = record ? connectionCertificate(record.artifacts, deps.now()) : undefined;
  const notChecked = !record ? 'notConnected' : hasSession ? undefined : 'signIn';
  return {
    profileId: profile.id,
    profile: profile.name,
    orgId: profile.orgId ?? null,
    orgName: record?.org.name ?? null,
    environment: environmentOf(profile, record),
    production: environmentOf(profile, record) === 'production',
    status: saved?.status ?? 'off',
    lastCheckedAt: (record && lastCheckedOf(record)) ?? null,
    ...(certificate && { certificateExpiresAt: certificate.notAfter }),
    ...(notChecked && { notChecked }),
    ...(record && saved?.handOver && { handOverSince: saved.handOver.since }),
    ...(saved?.error && { error: saved.error }),
    ...(saved?.coexisting && { coexisting: saved.coexisting }),
  };
}

/** A change between two statuses the admin is told about (a notice), not any flicker. */
function watchedChange(health: OrgHealth): { from: ConnectionStatus; to: ConnectionStatus } | null {
  const { before: from, after: to } = health;
  return from && to && from !== to && watched.includes(from) && watched.includes(to) ? { from, to } : null;
}

export function createHealthMonitor(deps: HealthMonitorDeps) {
  const timers = deps.timers ?? realTimers;
  let handle: unknown;
  let running = false;

  const entry = (profile: OrgProfile, hasSession: boolean): OrgOverview => overviewEntry(deps, profile, hasSession);

  async function overview(): Promise<ConnectionsOverview> {
    const profiles = deps.settings.get().orgProfiles;
    const sessions = await Promise.all(profiles.map((p) => deps.sessionOf(p.id).catch(() => null)));
    return { orgs: profiles.map((p, i) => entry(p, sessions[i] !== null)) };
  }

  async function checkProfile(profile: OrgProfile): Promise<OrgOverview> {
    const admin = profile.orgId ? await deps.sessionOf(profile.id).catch(() => null) : null;
    if (!admin) return entry(profile, false);
    if (!profile.orgId || !deps.records.get(profile.orgId).record || (deps.busy() && admin.identity.orgId === deps.records.currentOrgId()))
      return entry(profile, true);
    try {
      const health = await deps.checkOrg(admin);
      const change = watchedChange(health);
      if (change) deps.notice({ profile: profile.name, orgName: admin.identity.orgName, ...change, at: health.checkedAt });
      return entry(profile, true);
    } catch (thrown) {
      const error = toAppError(thrown);
      deps.log.warn('scheduled health check failed', { code: error.code });
      return { ...entry(profile, true), error };
    }
  }

  /** Every org profile, each with its own session, at most four at a time. */
  async function checkAll(): Promise<ConnectionsOverview> {
    return { orgs: await inParallel(deps.settings.get().orgProfiles, HEALTH_CHECK_CONCURRENCY, checkProfile) };
  }

  function schedule(): void {
    if (!running) return;
    const hours = deps.settings.get().healthCheckHours;
    handle = timers.set(() => {
      void checkAll().finally(schedule);
    }, hours * 3_600_000);
  }

  return {
    overview,
    checkAll,
    /** The interactive hosts re-check every org on the `healthCheckHours` schedule while they run. */
    start(): void {
      if (running) return;
      running = true;
      schedule();
    },
    stop(): void {
      running = false;
      if (handle !== undefined) timers.clear(handle);
      handle = undefined;
    },
  };
}
export type HealthMonitor = ReturnType<typeof createHealthMonitor>;
