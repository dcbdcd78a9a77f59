import type { ConnectionsOverview, OrgOverview, WatchCheck } from '../../common';
import { desktopNotificationCommand, webhookBody, webhookKinds, type HealthAlert } from './alerts';
import type { WatchPlatform } from './scheduler-files';
import type { WatchStore } from './watch-store';

/** What `watch run` needs from its host: injectable, so tests neither notify the desktop nor post anywhere. */
export interface WatchRunDeps {
  /** The app's health check of every org profile, each with its own session (health-monitor.ts). */
  checkAll(): Promise<ConnectionsOverview>;
  store: WatchStore;
  platform: WatchPlatform;
  /** Runs a command (the desktop notification); resolves with its exit code. */
  exec(argv: string[]): Promise<number>;
  /** Posts JSON to a webhook; resolves with the HTTP status. */
  post(url: string, body: unknown): Promise<number>;
  now(): Date;
}

export interface WatchRunResult {
  checks: WatchCheck[];
  /** The changes announced, one line each. */
  alerts: string[];
  /** What could not be delivered (a notification, a webhook), said but never fatal to the check. */
  warnings: string[];
}

function checkOf(org: OrgOverview, at: string, previous: WatchCheck['previous']): WatchCheck {
  const problem =
    org.notChecked === 'signIn' ? `Not checked: the profile has no session (login --org-profile "${org.profile}").` : org.error?.message;
  // A profile without a session could not be asked: no change is claimed without an answer. A check that
  // failed leaves the org's recorded status as it was, so it claims none either; its words are kept as the problem.
  const changed = org.notChecked !== 'signIn' && previous !== null && previous !== org.status;
  return { at, profile: org.profile, orgId: org.orgId, status: org.status, previous, changed, ...(problem && { problem }) };
}

const alertOf = (check: WatchCheck): HealthAlert => ({
  title: `Agent Connections: ${check.profile}`,
  body: `The connection of org ${check.orgId ?? 'unknown'} is now ${check.status} (it was ${check.previous ?? 'unknown'}). Open Agent Connections to see why and what fixes it.`,
});

async function deliver(deps: WatchRunDeps, alert: HealthAlert, warnings: string[]): Promise<void> {
  const notified = await deps.exec(desktopNotificationCommand(deps.platform, alert)).catch(() => -1);
  if (notified !== 0)
    warnings.push(`The desktop notification could not be shown (${desktopNotificationCommand(deps.platform, alert)[0] ?? ''}).`);
  const webhooks = deps.store.read().webhooks;
  for (const kind of webhookKinds) {
    const url = webhooks[kind];
    if (!url) continue;
    const status = await deps.post(url, webhookBody(kind, alert)).catch(() => 0);
    if (status < 200 || status >= 300)
      warnings.push(
        `The ${kind === 'slack' ? 'Slack' : 'Microsoft Teams'} webhook did not take the message (${status === 0 ? 'no answer' : `HTTP ${status}`}).`,
      );
  }
}

/**
 * One background check: every org profile with a connection is checked with its own session; a
 * status that differs from the last background check is announced on the desktop and to the
 * webhooks, and every check goes into the bounded history the Overview shows.
 */
export async function watchRun(deps: WatchRunDeps): Promise<WatchRunResult> {
  const overview = await deps.checkAll();
  const at = deps.now().toISOString();
  const { last } = deps.store.read();
  const watched = overview.orgs.filter((org) => org.notChecked !== 'notConnected');
  const checks = watched.map((org) => checkOf(org, at, last[org.profileId] ?? null));
  const warnings: string[] = [];
  const alerts: string[] = [];
  for (const check of checks.filter((c) => c.changed)) {
    const alert = alertOf(check);
    alerts.push(`${alert.title}: ${alert.body}`);
    await deliver(deps, alert, warnings);
  }
  const answered = watched.filter((org) => org.notChecked !== 'signIn');
  deps.store.record(checks, Object.fromEntries(answered.map((org) => [org.profileId, org.status])));
  return { checks, alerts, warnings };
}
