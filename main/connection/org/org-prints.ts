import { createHash } from 'node:crypto';
import { fail } from '../../../common/app-error-schema';
import type { OrgSnapshot } from './discovery';
import type { ExistingGrants } from './grant-rows';

const hash = (value: unknown): string => createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 32);

/** The parts of our setup a plan rests on, as discovery finds them: the app, the permission set, our users. */
export function snapshotPrint(snapshot: Pick<OrgSnapshot, 'app' | 'permissionSet' | 'users'>): string {
  const app = snapshot.app === 'unavailable' ? 'unavailable' : (snapshot.app?.id ?? null);
  return hash({ app, ps: snapshot.permissionSet?.id ?? null, users: snapshot.users.map((u) => [u.id, u.active]).sort() });
}

/** The permission set's rows, order aside. */
export function grantsPrint(grants: ExistingGrants): string {
  const rows = [
    ...grants.objects.map((o) => [o.SobjectType, o.PermissionsRead, o.PermissionsEdit, o.PermissionsViewAllRecords]),
    ...grants.fields.map((f) => [f.Field, f.PermissionsRead, f.PermissionsEdit]),
  ];
  return hash(rows.map(String).sort());
}

/** What a confirmed plan hands the run it starts: the org as reviewed, and the exact names it showed. */
export interface ConfirmedPlan {
  snapshot: string;
  grants: string;
  /** The integration username the plan showed, when the run creates the user. */
  username?: string;
}

const stale = (): never =>
  fail(
    'PLAN_STALE',
    'The org changed since you reviewed the plan (someone or another tool changed it). Nothing was changed; review it again.',
    {
      action: 'review',
    },
  );

/** Where a run reads the permission set's rows anyway (the grants step): a change since the review is refused. */
export function refuseChangedGrants(grants: ExistingGrants, reviewed: string | undefined): void {
  if (reviewed !== undefined && grantsPrint(grants) !== reviewed) stale();
}

/**
 * The confirmed plan of the run about to start. The run's own discovery (which it makes anyway) is
 * compared with the org the admin reviewed, before its first write: no extra request.
 */
export function createPlanCheck() {
  let pending: ConfirmedPlan | null = null;
  return {
    confirmed(plan: ConfirmedPlan): void {
      pending = plan;
    },
    /**
     * The run's first discovery: refuses a changed org, and hands the run's steps the exact username
     * and the permission set's rows the plan showed.
     */
    discovered(snapshot: Pick<OrgSnapshot, 'app' | 'permissionSet' | 'users'>): { username?: string; reviewedGrants?: string } {
      const plan = pending;
      pending = null;
      if (!plan) return {};
      if (snapshotPrint(snapshot) !== plan.snapshot) stale();
      return { ...(plan.username && { username: plan.username }), reviewedGrants: plan.grants };
    },
    /** A removal that works from the connection record makes no discovery: its own reads confirm what is still ours. */
    forget(): void {
      pending = null;
    },
  };
}

export type PlanCheck = ReturnType<typeof createPlanCheck>;
