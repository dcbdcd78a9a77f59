import { z } from 'zod';
import type { Grant, GrantMark } from '../../../common';
import { isReference, queryUrl, soqlQuote, queryRows, COLLECTION_LIMIT, type CompositeSubrequest, type Row } from '../../salesforce/client';
import { compositeChain } from '../../salesforce/composite-chain';
import { SalesforceError } from '../../salesforce/errors';
import { saveResultSchema } from '../../salesforce/schemas';
import { fieldPermissionRow, objectPermissionRow, type ExistingGrants } from '../org/grant-rows';
import { grantDiff, markText, type GrantDiff, type RowUpdate } from '../org/grant-diff';
import { refuseChangedGrants } from '../org/org-prints';
import type { StepResult } from './results';
import type { RunScratch, Step, StepContext } from './step';

export type { ExistingGrants, FieldPermissionRow, ObjectPermissionRow } from '../org/grant-rows';

/** What the permission set grants today (health check and Update access read the same thing). */
export async function readGrants(ctx: Pick<StepContext, 'client'>, permissionSetId: string): Promise<ExistingGrants> {
  const parent = soqlQuote(permissionSetId);
  const results = await ctx.client.composite([
    {
      referenceId: 'objects',
      method: 'GET',
      url: queryUrl(
        `SELECT Id, SobjectType, PermissionsRead, PermissionsEdit, PermissionsViewAllRecords FROM ObjectPermissions WHERE ParentId = ${parent}`,
      ),
    },
    {
      referenceId: 'fields',
      method: 'GET',
      url: queryUrl(`SELECT Id, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId = ${parent}`),
    },
  ]);
  return {
    objects: queryRows(results.get('objects')).map((r) => objectPermissionRow.parse(r)),
    fields: queryRows(results.get('fields')).map((r) => fieldPermissionRow.parse(r)),
  };
}

interface GrantChanges {
  createObjects: Row[];
  updateObjects: Row[];
  createFields: Row[];
  updateFields: Row[];
  deleteObjectIds: string[];
  deleteFieldIds: string[];
  /** What the change takes away, for the audit. */
  removed: GrantMark[];
  diff: GrantDiff;
}

const objectFlags = (f: RowUpdate['flags']) => ({
  PermissionsRead: f.read === true,
  PermissionsEdit: f.edit === true,
  PermissionsViewAllRecords: f.viewAllRecords === true,
});
const fieldFlags = (f: RowUpdate['flags']) => ({ PermissionsRead: f.read === true, PermissionsEdit: f.edit === true });

/**
 * The rows to add, change and delete so the permission set grants what is desired (grant-diff.ts).
 * A build adds and widens only; Update access also takes back what the admin narrowed, and what was
 * added by hand once the admin confirms.
 */
export function grantChanges(
  parentId: string,
  grants: readonly Grant[],
  existing: ExistingGrants,
  reconcile: RunScratch['reconcile'],
): GrantChanges {
  const diff = grantDiff(grants, reconcile?.recorded ?? [], existing, { removeHandAdded: reconcile?.removeHandAdded ?? false });
  // Outside Update access nothing is taken away: a build never removes what it has not shown.
  const removes = reconcile !== undefined;
  return {
    createObjects: diff.createObjects.map((g) => ({
      ParentId: parentId,
      SobjectType: g.object,
      PermissionsCreate: false,
      PermissionsDelete: false,
      PermissionsModifyAllRecords: false,
      ...objectFlags({ read: true, edit: g.edit, viewAllRecords: g.viewAllRecords }),
    })),
    updateObjects: diff.updateObjects.map((u) => ({ Id: u.id, ...objectFlags(u.flags) })),
    createFields: diff.createFields.map((g) => ({
      ParentId: parentId,
      SobjectType: g.object,
      Field: `${g.object}.${g.field ?? ''}`,
      PermissionsRead: true,
      PermissionsEdit: g.edit,
    })),
    updateFields: diff.updateFields.map((u) => ({ Id: u.id, ...fieldFlags(u.flags) })),
    deleteObjectIds: removes ? diff.deleteObjectIds : [],
    deleteFieldIds: removes ? diff.deleteFieldIds : [],
    removed: removes ? [...diff.narrowed, ...(reconcile.removeHandAdded ? diff.handAdded : [])] : [],
    diff,
  };
}

const EMPTY: ExistingGrants = { objects: [], fields: [] };

function existingOf(ctx: StepContext): ExistingGrants {
  return ctx.run.existingGrants ?? EMPTY;
}

function changesFor(ctx: StepContext, parentId: string): GrantChanges {
  return grantChanges(parentId, ctx.desired.grants, existingOf(ctx), ctx.run.reconcile);
}

const changeCount = (c: GrantChanges): number =>
  c.createObjects.length +
  c.updateObjects.length +
  c.createFields.length +
  c.updateFields.length +
  c.deleteObjectIds.length +
  c.deleteFieldIds.length;

function chunk(rows: Row[]): Row[][] {
  const out: Row[][] = [];
  for (let i = 0; i < rows.length; i += COLLECTION_LIMIT) out.push(rows.slice(i, i + COLLECTION_LIMIT));
  return out;
}

/** Collection subrequests: one type per call, up to 200 records each. */
function collectionRequests(changes: GrantChanges): CompositeSubrequest[] {
  const requests: CompositeSubrequest[] = [];
  const add = (prefix: string, type: string, method: 'POST' | 'PATCH', rows: Row[]) =>
    chunk(rows).forEach((records, i) =>
      requests.push({
        referenceId: `${prefix}${i}`,
        method,
        url: '/composite/sobjects',
        body: { allOrNone: true, records: records.map((r) => ({ attributes: { type }, ...r })) },
      }),
    );
  add('objects', 'ObjectPermissions', 'POST', changes.createObjects);
  add('widen', 'ObjectPermissions', 'PATCH', changes.updateObjects);
  add('fields', 'FieldPermissions', 'POST', changes.createFields);
  add('fieldEdits', 'FieldPermissions', 'PATCH', changes.updateFields);
  return requests;
}

/** Ids of the rows created by the collections under `prefix` (the client already refused any failed record). */
function savedIds(bodies: Map<string, unknown>, prefix: string): string[] {
  const ids: string[] = [];
  for (const [ref, body] of bodies) {
    if (!ref.startsWith(prefix)) continue;
    for (const r of z.array(saveResultSchema).parse(body)) if (r.id) ids.push(r.id);
  }
  return ids;
}

function grantsResult(bodies: Map<string, unknown>, changes: GrantChanges): StepResult<'accessGrants'> {
  return {
    createdObjectPermissionIds: savedIds(bodies, 'objects'),
    createdFieldPermissionIds: savedIds(bodies, 'fields'),
    widenedObjects: changes.updateObjects.map((r) => String(r.Id)),
    fields: changes.createFields.map((r) => String(r.Field)),
    added: changes.diff.added.map(markText),
    removed: changes.removed.map(markText),
  };
}

/**
 * ObjectPermissions and FieldPermissions rows for the desired grants, in sObject Collections. On a
 * permission set that already grants some of them (Update access, resume) only the difference is sent.
 */
export const accessGrantsStep: Step<'accessGrants'> = {
  id: 'accessGrants',
  intent(ctx) {
    const changes = changesFor(ctx, '');
    return {
      objects: changes.createObjects.map((r) => String(r.SobjectType)),
      fields: changes.createFields.map((r) => String(r.Field)),
    };
  },
  async find(ctx) {
    const parentId = ctx.artifacts.permissionSet?.id;
    // A permission set created in the same Composite (its id still a reference) has no grants yet.
    // Any other may: adopted, or created before a retry or resume that follows a grants Composite
    // which went through when a later one failed.
    if (!parentId || isReference(parentId)) {
      ctx.run.existingGrants = EMPTY;
      // A set made by this run had no rows to review: rows found on it after a restart are this run's.
      return null;
    }
    const existing = await readGrants(ctx, parentId);
    // The reviewed plan showed these rows: a change by hand since then is refused before anything is written.
    refuseChangedGrants(existing, ctx.run.reviewedGrants);
    ctx.run.reviewedGrants = undefined;
    ctx.run.existingGrants = existing;
    const complete = changeCount(changesFor(ctx, parentId)) === 0;
    return complete
      ? { createdObjectPermissionIds: [], createdFieldPermissionIds: [], widenedObjects: [], fields: [], added: [], removed: [] }
      : null;
  },
  compose(ctx) {
    const parentId = ctx.artifacts.permissionSet?.id ?? '';
    const changes = changesFor(ctx, parentId);
    const requests = collectionRequests(changes);
    // Any number of collections: the run sends them in as many Composites as they need, with the
    // steps around them (fact COMPOSITE-LIMITS). Removals (one type per delete, fact
    // COLLECTIONS-MIXED-DELETE) go through apply.
    if (requests.length === 0 || changes.deleteFieldIds.length + changes.deleteObjectIds.length > 0) return null;
    return { requests, provisional: {}, accept: (bodies) => grantsResult(bodies, changes) };
  },
  async apply(ctx) {
    const parentId = ctx.artifacts.permissionSet?.id;
    if (!parentId) throw new SalesforceError('UNKNOWN', 'The permission set is missing.');
    const changes = changesFor(ctx, parentId);
    const requests = collectionRequests(changes);
    const bodies = await compositeChain(ctx.client, requests);
    await destroyGrants(ctx, changes.deleteFieldIds, changes.deleteObjectIds);
    return grantsResult(bodies, changes);
  },
  async undo(ctx, result) {
    const objectIds = result.createdObjectPermissionIds ?? [];
    const fieldIds = result.createdFieldPermissionIds ?? [];
    const parentId = ctx.artifacts.permissionSet?.id;
    if (objectIds.length + fieldIds.length > 0) {
      await destroyGrants(ctx, fieldIds, objectIds);
      return;
    }
    // Only the intent is known (the process died mid-step): remove the rows it names.
    const fields = new Set((result.fields ?? []).map((f) => f.toLowerCase()));
    const objects = new Set((result.objects ?? []).map((o) => o.toLowerCase()));
    if (!parentId || (fields.size === 0 && objects.size === 0)) return;
    const existing = await readGrants(ctx, parentId);
    await destroyGrants(
      ctx,
      existing.fields.filter((f) => fields.has(f.Field.toLowerCase())).map((f) => f.Id),
      existing.objects.filter((o) => objects.has(o.SobjectType.toLowerCase())).map((o) => o.Id),
    );
  },
};

/** One setup type per collections delete (fact COLLECTIONS-MIXED-DELETE). */
async function destroyGrants(ctx: Pick<StepContext, 'client'>, fieldIds: string[], objectIds: string[]): Promise<void> {
  if (fieldIds.length > 0) await ctx.client.destroyMany('FieldPermissions', fieldIds);
  if (objectIds.length > 0) await ctx.client.destroyMany('ObjectPermissions', objectIds);
}
