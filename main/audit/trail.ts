import type { AccessChange, AuditEntry, AuthStatus } from '../../common';
import type { AuditLog } from '../store/audit-log';
import { describeAccessChange } from './access-change';

type Params = Record<string, string | number>;

/** English summaries for the CLI and exports; the Activity screen has en/sv under `activity.summaries`. */
const english = {
  accessChanged: () => "Changed the agent's access.",
  accessRefused: (p: Params) => `Refused a change to the agent's access: ${p.message}`,
  profileCreated: (p: Params) => `Added the org profile "${p.name}" (${p.loginUrl}).`,
  profileUpdated: (p: Params) => `Changed the org profile "${p.name}".`,
  profileRemoved: (p: Params) => `Removed the org profile "${p.name}".`,
  profileActivated: (p: Params) => `Switched to the org profile "${p.name}".`,
  profileOrgRecorded: (p: Params) => `Linked the org profile "${p.name}" to the org ${p.orgId}.`,
  activityExported: (p: Params) => `Exported the activity log as ${String(p.format).toUpperCase()}.`,
} as const;
export type SummaryKey = keyof typeof english;

export interface TrailEntry {
  operation: string;
  result: AuditEntry['result'];
  summaryKey: SummaryKey;
  params?: Params;
  access?: AccessChange;
  /** Defaults to the signed-in admin's org. */
  orgId?: string | null;
}

export interface AuditTrail extends AuditLog {
  /** Appends an entry whose summary the renderer can show in the admin's language. */
  record(entry: TrailEntry): AuditEntry;
}

/** Placeholders older callers write when they did not pass the session along. */
const placeholders = new Set(['admin', 'unknown', '']);

/** The Salesforce user (and org) of the session, whether it is still valid or has ended. */
export function sessionActor(status: AuthStatus): { username: string; orgId: string } | undefined {
  const identity = status.state === 'signedIn' || status.state === 'expired' ? status.identity : undefined;
  return identity && { username: identity.username, orgId: identity.orgId };
}

/**
 * The audit log as every service writes it: the actor is the signed-in Salesforce user whenever there
 * is a session, and exporting the log is itself on the record.
 */
export function createAuditTrail(log: AuditLog, actor: () => { username: string; orgId: string } | undefined): AuditTrail {
  const append: AuditLog['append'] = (entry) => {
    const who = placeholders.has(entry.actor) ? actor() : undefined;
    return log.append(who ? { ...entry, actor: who.username, orgId: entry.orgId ?? who.orgId } : entry);
  };
  return {
    list: (filter) => log.list(filter),
    append,
    record({ operation, result, summaryKey, params = {}, access, orgId }) {
      const who = actor();
      const summary = summaryKey === 'accessChanged' && access ? describeAccessChange(access) : english[summaryKey](params);
      return append({
        actor: who?.username ?? 'admin',
        orgId: orgId === undefined ? (who?.orgId ?? null) : orgId,
        operation,
        result,
        summary,
        summaryKey,
        params,
        ...(access && { access }),
        artifacts: [],
      });
    },
    export(format) {
      const file = log.export(format);
      append({
        actor: 'admin',
        orgId: null,
        operation: 'audit.export',
        result: 'success',
        summary: english.activityExported({ format }),
        summaryKey: 'activityExported',
        params: { format },
        artifacts: [],
      });
      return file;
    },
  };
}
