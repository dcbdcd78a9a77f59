import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Grant, PlannedRunKind, RunKind, RunPlan } from '../../../common';
import { fail } from '../../../common/app-error-schema';
import { setResult, type Artifacts } from '../steps/results';
import type { ConnectionCore } from '../run/core';
import { permissionChanges } from './access-changes';
import { grantsPrint, snapshotPrint, type ConfirmedPlan } from '../org/org-prints';
import { planBody, planSummary } from './review-body';
import type { JournalRun, JournalStep } from '../../store/journal';
import type { ConnectionRecord } from '../record/record-store';
import { readGrants, type ExistingGrants } from '../steps/access-grants';
import { snapshotOwnedElsewhere } from '../org/ownership';
import { whyRebuild } from './repair-plan';
import { visibilityForecast } from './visibility-forecast';
import { readPreflight } from '../org/preflight-read';

/** Long enough to read the review, short enough that the org it describes is still the org. */
export const PLAN_LIFETIME_MS = 10 * 60_000;

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

interface Stored {
  plan: RunPlan;
  /** The app's side of what the plan describes; compared again when the run is asked for. */
  local: string;
  /** The org's side: the run compares it with its own discovery before its first write (org/org-prints.ts). */
  org: ConfirmedPlan;
}

const journaledKind = (kind: PlannedRunKind): boolean => kind === 'resume' || kind === 'rollback';

/** What a journaled run had made, by step (a Roll back removes it; a Resume keeps it). */
function journaledArtifacts(steps: readonly JournalStep[]): Artifacts {
  const artifacts: Artifacts = {};
  for (const s of steps) setResult(artifacts, s.id, s.result ?? s.intent);
  return artifacts;
}

/** The desired grants of the run the plan is for (a removal wants none), and what this app granted before. */
function accessOf(kind: PlannedRunKind, of: RunKind | undefined, desired: readonly Grant[], record: ConnectionRecord | null) {
  const effective = kind === 'resume' ? of : kind;
  const removes = effective === 'disable' || effective === 'rollback';
  return { desired: removes ? [] : desired, recorded: removes ? desired : (record?.grants ?? []) };
}

/** The plan's permission difference; only Update access leaves grants added by hand in place unless ticked. */
function accessChanges(kind: PlannedRunKind, desired: readonly Grant[], recorded: readonly Grant[], grants: ExistingGrants) {
  const changes = permissionChanges(desired, recorded, grants);
  return kind === 'updateAccess' ? changes : changes.map(({ byHand: _byHand, ...c }) => c);
}

/** What the app itself holds that a plan depends on: the desired access, the record, the journal. */
function localFingerprint(core: ConnectionCore, kind: RunKind): string {
  const { deps } = core;
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

function requireJournal(kind: PlannedRunKind, journaled: JournalRun | null): void {
  if (journaledKind(kind) && !journaled) fail('NOTHING_TO_RESUME', `There is nothing to ${kind === 'resume' ? 'resume' : 'roll back'}.`);
}

/** Reads the org (reads only) and words what a run of `kind` would change there. */
async function draftPlan(core: ConnectionCore, kind: PlannedRunKind, shown: boolean): Promise<Stored> {
  const { deps } = core;
  const admin = await core.session();
  const orgId = admin.identity.orgId;
  const saved = deps.records.get(orgId);
  const journaled = deps.journal.current();
  requireJournal(kind, journaled);
  const agentName = saved.record?.agentName ?? deps.settings.get().agentName;
  const artifacts: Artifacts = journaled && journaledKind(kind) ? journaledArtifacts(journaled.steps) : (saved.record?.artifacts ?? {});
  const ctx = await core.contexts.context(admin, agentName, artifacts, saved.retiredUser, null);
  const psId = artifacts.permissionSet?.id ?? ctx.snapshot.permissionSet?.id ?? null;
  const grants: ExistingGrants = psId ? await readGrants(ctx, psId) : { objects: [], fields: [] };
  const of = journaledKind(kind) ? journaled?.kind : undefined;
  const wanted = accessOf(kind, of, ctx.desired.grants, saved.record);
  const access = accessChanges(kind, wanted.desired, wanted.recorded, grants);
  // Turn on shows its pre-flight in the review: what the org's setup asks of the new user, what else holds licences.
  // Only a plan someone reads gets the Tooling API's look at validation rules (fact USER-VALIDATION-RULES).
  const preflight = kind === 'enable' && shown ? await readPreflight(ctx) : undefined;
  const now = deps.now();
  const settings = { certificateDays: deps.settings.get().certificateLifetimeDays, usernameSuffix: randomBytes(3).toString('hex') };
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
    broken: saved.drift?.brokenArtifacts ?? [],
    ...settings,
  });
  const why = whyRebuild(kind, saved);
  // A build says what the agent will see before anything exists; the forecast is not part of the fingerprint.
  const builds = body.artifacts.some((a) => a.part === 'user' && a.action === 'create');
  const visibility = builds && wanted.desired.length > 0 ? await visibilityForecast(ctx.client, wanted.desired) : undefined;
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
    ...(why && { whyRebuild: why }),
    ...(snapshotOwnedElsewhere(ctx.snapshot, deps.settings.installId()) && { ownedElsewhere: true }),
    ...(wanted.desired.length > 0 && ctx.desired.skipped.length > 0 && { notInOrg: ctx.desired.skipped }),
    ...(preflight && { preflight }),
  };
  const local = localFingerprint(core, kind);
  const newUser = body.artifacts.find((a) => a.part === 'user' && a.action === 'create');
  const org: ConfirmedPlan = {
    snapshot: snapshotPrint(ctx.snapshot),
    grants: grantsPrint(grants),
    ...(newUser && { username: newUser.name }),
  };
  const fingerprint = hash({ local, org, body, access });
  const plan = { ...draft, fingerprint, ...(visibility && { visibility }) };
  return { plan: { ...plan, summary: planSummary(plan) }, local, org };
}

/**
 * Review before every write: a plan is computed from the org as it is now (reads only), shown, and
 * the run it describes starts only with that plan's id, before it expires and while nothing it
 * describes has changed, neither in the app nor in the org.
 */
export function createPlanReviews(core: ConnectionCore) {
  const plans = new Map<string, Stored>();
  const forgetExpired = (now: Date): void => {
    for (const [id, stored] of plans) if (Date.parse(stored.plan.expiresAt) <= now.getTime()) plans.delete(id);
  };

  /** `shown: false` for callers with nobody to show the plan to (planAndRun): no pre-flight read for the review. */
  async function plan(kind: PlannedRunKind, shown = true): Promise<RunPlan> {
    const stored = await draftPlan(core, kind, shown);
    forgetExpired(core.deps.now());
    plans.set(stored.plan.id, stored);
    return stored.plan;
  }

  /** The run may start: the plan is the admin's, for this kind, still fresh. Used once; the run checks the org against it. */
  function confirm(kind: RunKind, planId: string | undefined): RunPlan {
    const stored = planId ? plans.get(planId) : undefined;
    if (!planId || !stored)
      fail('PLAN_REQUIRED', 'Review the plan first: nothing is changed in the org before you confirm what will change.', {
        action: 'review',
      });
    plans.delete(planId);
    const { plan: reviewed, local, org } = stored;
    if (reviewed.kind !== kind)
      fail('PLAN_REQUIRED', `The reviewed plan is for ${reviewed.kind}, not ${kind}. Review the plan for this action.`, {
        action: 'review',
      });
    if (Date.parse(reviewed.expiresAt) <= core.deps.now().getTime())
      fail('PLAN_STALE', 'The reviewed plan has expired. Review it again: the org may have changed.', { action: 'review' });
    if (localFingerprint(core, kind) !== local)
      fail('PLAN_STALE', 'The connection or the agent’s access changed since you reviewed the plan. Review it again.', {
        action: 'review',
      });
    core.contexts.planCheck.confirmed(org);
    return reviewed;
  }

  return { plan, confirm };
}

export type PlanReviews = ReturnType<typeof createPlanReviews>;
