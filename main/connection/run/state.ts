import type { ConnectionState } from '../../../common';
import type { Journal } from '../../store/journal';
import { connectionDetails } from '../record/details';
import { interruptedRun } from '../org/messages';
import type { ConnectionRecordStore } from '../record/record-store';
import type { LiveRun } from './scheduler';

/**
 * The connection as the screens see it: the live run's progress, else the saved record, with an
 * unfinished journal read as "interrupted" (or still "waiting" for Salesforce).
 */
export function projectState(
  live: LiveRun | null,
  journal: Journal,
  records: ConnectionRecordStore,
  now: Date,
  /** The org the screens act on; undefined: the last one shown, null: none (the active profile has no org yet). */
  shownOrgId?: string | null,
): ConnectionState {
  // The signed-in org's own state: another org's record is never shown as this one's (org-identity.ts).
  const shown = shownOrgId === undefined ? records.currentOrgId() : shownOrgId;
  const orgId = live?.orgId ?? journal.current()?.orgId ?? shown;
  if (!orgId) return { status: 'off', orgId: null };
  if (live) return { status: 'running', orgId, run: structuredClone(live.tracker.progress) };
  const saved = records.get(orgId);
  const base: ConnectionState = {
    status: saved.status,
    orgId,
    ...(saved.record ? { details: connectionDetails(orgId, saved.record, now, saved.drift) } : {}),
    ...(saved.drift ? { drift: saved.drift } : {}),
    ...(saved.error ? { error: saved.error } : {}),
    ...(saved.leftovers?.length ? { leftovers: saved.leftovers } : {}),
    ...(saved.orgChange ? { orgChange: saved.orgChange } : {}),
    ...(saved.record && saved.handOver ? { handOver: saved.handOver } : {}),
  };
  const unfinished = journal.current();
  if (unfinished && saved.status === 'waiting' && saved.waiting) return { ...base, waiting: saved.waiting };
  if (unfinished) return { ...base, status: 'interrupted', error: base.error ?? interruptedRun() };
  return base;
}
