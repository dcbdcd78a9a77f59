import { createHash, randomUUID } from 'node:crypto';
import type { PlannedRunKind, RunKind, RunPlan } from '../../common';
import { fail } from '../../common/app-error-schema';
import { text, type Artifacts } from './artifacts';
import type { ConnectionCore } from './core';
import type { OrgSnapshot } from './discovery';
import { permissionDifference } from './permission-difference';
import { planBody, planSummary } from './run-plan';
import type { JournalStep } from '../store/journal';
import { readGrants, type ExistingGrants } from './steps/access-grants';

/** Long enough to read the review, short enough that the org it describes is still the org. */
export const PLAN_LIFETIME_MS = 10 * 60_000;

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

/** The org facts a plan rests on: our artifacts as found, the grants, free seats. */
function orgFacts(snapshot: OrgSnapshot, grants: ExistingGrants): unknown {
  const app = snapshot.app === 'unavailable' ? 'unavailable' : (snapshot.app?.id ?? null);
  const rows = [
    ...grants.objects.map((o) => [o.SobjectType, o.PermissionsRead, o.PermissionsEdit, o.PermissionsViewAllRecords]),
    ...grants.fields.map((f) => [f.Field, f.PermissionsRead, f.PermissionsEdit]),
  ];
  return { app, ps: snapshot.permissionSet?.id ?? null, users: snapshot.users.map((u) => [u.id, u.active]), rows: rows.map(String).sort() };
}

interface Stored {
  plan: RunPlan;
  /** The app's side of what the plan describes; compared again when the run is asked for. */
  local: string;
}

/**
 * Review before every write: a plan is computed from the org as it is now (reads only), shown, and
 * the run it describes starts only with that plan's id, before it expires and while nothing it
 * describes has changed.
 */
export function createPlanReviews(core: ConnectionCore) {
  const { deps } = core;
  const plans = new Map<string, Stored>();

  /** What the app itself holds that a plan depends on: the desired access, the record, the journal. */
  function localFingerprint(kind: RunKind): string {
    const orgId = deps.records.currentOrgId();
    const saved = orgId ? deps.records.get(orgId) : null;
    const journaled = deps.journal.current();
    return hash({
      kind,
      orgId,
      agent: deps.settings.get().agentName,
      profile: deps.profiles.get(),
      record: saved?.record?.artifacts ?? null,
      status: core.state().status,
      journal: journaled ? [journaled.id, journaled.steps.length] : null,
    });
  }

  async function plan(kind: PlannedRunKind): Promise<RunPlan> {
    const admin = await core.session();
    const orgId = admin.identity.orgId;
    const saved = deps.records.get(orgId);
    const journaled = deps.journal.current();
    if ((kind === 'resume' || kind === 'rollback') && !journaled)
      fail('NOTHING_TO_RESUME', `There is nothing to ${kind === 'resume' ? 'resume' : 'roll back'}.`);
    const agentName = saved.record?.agentName ?? deps.settings.get().agentName;
    const artifacts: Artifacts =
      journaled && (kind === 'resume' || kind === 'rollback') ? journaledArtifacts(journaled.steps) : (saved.record?.artifacts ?? {});
    const ctx = await core.contexts.context(admin, agentName, artifacts, saved.retiredUser, null);
    const psId = text(artifacts, 'permissionSet', 'id') ?? ctx.snapshot.permissionSet?.id ?? null;
    const grants: ExistingGrants = psId ? await readGrants(ctx, psId) : { objects: [], fields: [] };
    const of = kind === 'resume' || kind === 'rollback' ? journaled?.kind : undefined;
    const effective = kind === 'resume' ? of : kind;
    const desired = effective === 'disable' || effective === 'rollback' ? [] : ctx.desired.grants;
    const now = deps.now();
    const access = permissionDifference(desired, grants);
    const body = planBody({
      kind,
      of,
      names: ctx.names,
      orgId,
      snapshot: ctx.snapshot,
      artifacts,
      retiredUser: saved.retiredUser,
      access,
      now,
      certificateDays: deps.settings.get().certificateLifetimeDays,
    });
    const draft = {
      id: randomUUID(),
      kind,
      ...(of && { of }),
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + PLAN_LIFETIME_MS).toISOString(),
      orgId,
      agentName,
      ...body,
      access,
    };
    const local = localFingerprint(kind);
    const fingerprint = hash({ local, org: orgFacts(ctx.snapshot, grants), body, access });
    const result: RunPlan = { ...draft, fingerprint, summary: planSummary({ ...draft, fingerprint }) };
    forgetExpired(now);
    plans.set(result.id, { plan: result, local });
    return result;
  }

  function forgetExpired(now: Date): void {
    for (const [id, stored] of plans) if (Date.parse(stored.plan.expiresAt) <= now.getTime()) plans.delete(id);
  }

  /** The run may start: the plan is the admin's, for this kind, still fresh. Used once. */
  function confirm(kind: RunKind, planId: string | undefined): RunPlan {
    const stored = planId ? plans.get(planId) : undefined;
    if (!planId || !stored)
      fail('PLAN_REQUIRED', 'Review the plan first: nothing is changed in the org before you confirm what will change.', {
        action: 'review',
      });
    plans.delete(planId);
    const { plan: reviewed, local } = stored;
    if (reviewed.kind !== kind)
      fail('PLAN_REQUIRED', `The reviewed plan is for ${reviewed.kind}, not ${kind}. Review the plan for this action.`, {
        action: 'review',
      });
    if (Date.parse(reviewed.expiresAt) <= deps.now().getTime())
      fail('PLAN_STALE', 'The reviewed plan has expired. Review it again: the org may have changed.', { action: 'review' });
    if (localFingerprint(kind) !== local)
      fail('PLAN_STALE', 'The connection or the agent’s access changed since you reviewed the plan. Review it again.', {
        action: 'review',
      });
    return reviewed;
  }

  return { plan, confirm };
}

export type PlanReviews = ReturnType<typeof createPlanReviews>;

/** What a journaled run had made, by step (a Roll back removes it; a Resume keeps it). */
function journaledArtifacts(steps: readonly JournalStep[]): Artifacts {
  return Object.fromEntries(steps.map((s) => [s.id, s.result ?? s.intent]));
}
