import { z } from 'zod';
import type { StepId } from '../../../common';
import { queryRows, queryUrl, soqlQuote, type CompositeSubrequest, type OrgClient, type SubResult } from '../../salesforce/client';
import { salesforceAppError } from '../../salesforce/errors';
import type { Journal } from '../../store/journal';
import type { Artifacts, StepResult } from '../steps/results';
import { isOurs, isOurUsername, ownedElsewhere } from '../org/names';
import { withRetry } from '../../salesforce/retry';
import type { RunTracker } from './provisioner';
import type { RemovalContext, Step } from '../steps/step';

/** Where an artifact the connection names stands in the org now. */
/** `elsewhere`: ours, but another install of the app manages it now (names.ts ownedElsewhere). */
export type Standing = 'present' | 'gone' | 'foreign' | 'elsewhere';

const row = z.object({ Id: z.string() }).catchall(z.unknown());

/**
 * One read Composite (≤ 5 queries): for each artifact `targets` names, whether it is still there and
 * still ours. Something that is no longer ours (another description, another owner) is never removed.
 * A look-up Salesforce could not answer leaves the artifact to its step, which tolerates what is gone.
 */
export async function standings(client: OrgClient, targets: Artifacts, installId: string): Promise<Partial<Record<StepId, Standing>>> {
  const psId = targets.permissionSet?.id;
  const userId = targets.integrationUser?.id;
  const assignmentId = targets.assignment?.id;
  const licenceId = targets.licence?.id;
  const appName = targets.app?.name;
  const lookUps: [StepId, string | undefined, string][] = [
    ['app', appName, `SELECT Id, Description FROM ExternalClientApplication WHERE DeveloperName = ${soqlQuote(appName ?? '')}`],
    ['permissionSet', psId, `SELECT Id, Description FROM PermissionSet WHERE Id = ${soqlQuote(psId ?? '')}`],
    ['integrationUser', userId, `SELECT Id, Username, IsActive FROM User WHERE Id = ${soqlQuote(userId ?? '')}`],
    [
      'assignment',
      assignmentId,
      `SELECT Id, AssigneeId, PermissionSetId FROM PermissionSetAssignment WHERE Id = ${soqlQuote(assignmentId ?? '')}`,
    ],
    ['licence', licenceId, `SELECT Id, AssigneeId FROM PermissionSetLicenseAssign WHERE Id = ${soqlQuote(licenceId ?? '')}`],
  ];
  const requests: CompositeSubrequest[] = lookUps
    .filter(([, key]) => key)
    .map(([step, , soql]) => ({ referenceId: step, method: 'GET', url: queryUrl(soql) }));
  if (requests.length === 0) return {};
  const results = await client.composite(requests);
  const judge: Record<string, (found: z.infer<typeof row>) => Standing> = {
    app: (r) => (ownedElsewhere(r.Description, installId) ? 'elsewhere' : isOurs(r.Description) ? 'present' : 'foreign'),
    permissionSet: (r) => (ownedElsewhere(r.Description, installId) ? 'elsewhere' : isOurs(r.Description) ? 'present' : 'foreign'),
    integrationUser: (r) => (!isOurUsername(r.Username) ? 'foreign' : r.IsActive === true ? 'present' : 'gone'),
    assignment: (r) => (r.AssigneeId === userId && r.PermissionSetId === psId ? 'present' : 'foreign'),
    licence: (r) => (r.AssigneeId === userId ? 'present' : 'foreign'),
  };
  const out: Partial<Record<StepId, Standing>> = {};
  for (const request of requests) {
    const step = request.referenceId as StepId;
    const found = firstRow(results.get(step));
    if (found === undefined) continue;
    out[step] = found === null ? 'gone' : (judge[step]?.(found) ?? 'present');
  }
  return out;
}

/** The first row, null when there is none, undefined when Salesforce could not answer the look-up. */
function firstRow(result: SubResult | undefined): z.infer<typeof row> | null | undefined {
  try {
    const rows = queryRows(result);
    return rows[0] ? row.parse(rows[0]) : null;
  } catch {
    return undefined;
  }
}

interface Removal {
  step: Step;
  id: StepId;
  target: StepResult<StepId>;
}

/**
 * Takes down what `targets` names, in `steps` order, journaled: removals that can be expressed as
 * subrequests share one all-or-none Composite; if that fails, they are taken one by one so that
 * exactly what could not be removed is reported. Returns those leftovers, in the admin's words.
 */
export async function removeArtifacts(
  ctx: RemovalContext,
  steps: readonly Step[],
  targets: Artifacts,
  standing: Partial<Record<StepId, Standing>>,
  journal: Journal,
  tracker: RunTracker,
): Promise<string[]> {
  const already = new Set((journal.current()?.steps ?? []).filter((s) => s.status === 'done').map((s) => s.id));
  const leftovers: string[] = [];

  const removeOne = async ({ step, id, target }: Removal) => {
    journal.started(id, target);
    tracker.set(id, 'running');
    try {
      await withRetry(ctx.retry, () => step.undo(ctx, target));
      journal.done(id, {});
      tracker.set(id, 'done');
    } catch (error) {
      const message = salesforceAppError(error, 'removing the connection').message;
      leftovers.push(`${step.removalText?.(ctx, target) ?? step.id} — ${message}`);
      tracker.set(id, 'failed');
    }
  };

  let together: Removal[] = [];
  const removeTogether = async () => {
    const group = together;
    together = [];
    if (group.length === 0) return;
    if (group.length === 1 && group[0]) return removeOne(group[0]);
    for (const r of group) {
      journal.started(r.id, r.target);
      tracker.set(r.id, 'running');
    }
    try {
      const requests = group.flatMap((r) => r.step.undoRequests?.(r.target) ?? []);
      await withRetry(ctx.retry, () => ctx.client.compositeAllOrNone(requests));
      for (const r of group) {
        journal.done(r.id, {});
        tracker.set(r.id, 'done');
      }
    } catch {
      // Salesforce rolled all of them back: one at a time, each tolerating what is already gone.
      for (const r of group) await removeOne(r);
    }
  };

  for (const step of steps) {
    // A cancelled removal stops between removals: its journal stays open for Resume to finish it.
    ctx.signal.throwIfAborted();
    const id = step.removalId;
    if (!id) continue;
    const target = targets[step.id];
    if (already.has(id) || !target) {
      tracker.set(id, already.has(id) ? 'done' : 'skipped');
      continue;
    }
    const now = standing[step.id] ?? 'present';
    if (now === 'foreign') {
      tracker.set(id, 'skipped', 'notOurs');
      continue;
    }
    if (now === 'gone') {
      journal.done(id, {});
      tracker.set(id, 'done');
      continue;
    }
    const removal = { step, id, target };
    if (step.undoRequests?.(target).length) together.push(removal);
    else {
      await removeTogether();
      await removeOne(removal);
    }
  }
  await removeTogether();
  return leftovers;
}
