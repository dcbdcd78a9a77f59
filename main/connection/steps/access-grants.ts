import { z } from 'zod';
import type { Grant } from '../../../common';
import { isReference, queryUrl, soqlQuote, queryRows, COLLECTION_LIMIT, COMPOSITE_QUERY_LIMIT, type CompositeSubrequest, type Row } from '../../salesforce/client';
import { SalesforceError } from '../../salesforce/errors';
import { saveResultSchema } from '../../salesforce/schemas';
import type { JournalData } from '../../store/journal';
import { list, text } from '../artifacts';
import { fieldPermissionRow, objectPermissionRow, type ExistingGrants } from './grant-rows';
import type { Step, StepContext } from './step';

export type { ExistingGrants, FieldPermissionRow, ObjectPermissionRow } from './grant-rows';

/** What the permission set grants today (health check and Update access read the same thing). */
export async function readGrants(ctx: Pick<StepContext, 'client'>, permissionSetId: string): Promise<ExistingGrants> {
  const parent = soqlQuote(permissionSetId);
  const results = await ctx.client.composite([
    { referenceId: 'objects', method: 'GET', url: queryUrl(`SELECT Id, SobjectType, PermissionsRead, PermissionsEdit, PermissionsViewAllRecords FROM ObjectPermissions WHERE ParentId = ${parent}`) },
    { referenceId: 'fields', method: 'GET', url: queryUrl(`SELECT Id, Field, PermissionsRead, PermissionsEdit FROM FieldPermissions WHERE ParentId = ${parent}`) },
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
}

const fieldKey = (g: Grant) => `${g.object}.${g.field ?? ''}`.toLowerCase();

/** The rows to add (and object rows to widen) so the permission set grants exactly what is desired. */
export function grantChanges(parentId: string, grants: readonly Grant[], existing: ExistingGrants): GrantChanges {
  const objectsByType = new Map(existing.objects.map((o) => [o.SobjectType.toLowerCase(), o]));
  const fieldsByName = new Map(existing.fields.map((f) => [f.Field.toLowerCase(), f]));
  const changes: GrantChanges = { createObjects: [], updateObjects: [], createFields: [] };
  for (const grant of grants) {
    // Activities take no ObjectPermissions row (fact ACTIVITY-OBJECT-PERMISSIONS): only their fields are granted.
    if (grant.field === null && grant.throughParentRecords === true) continue;
    if (grant.field === null) {
      const flags = { PermissionsRead: true, PermissionsEdit: grant.edit, PermissionsViewAllRecords: grant.viewAllRecords };
      const found = objectsByType.get(grant.object.toLowerCase());
      if (!found) changes.createObjects.push({ ParentId: parentId, SobjectType: grant.object, PermissionsCreate: false, PermissionsDelete: false, PermissionsModifyAllRecords: false, ...flags });
      else if (!found.PermissionsRead || found.PermissionsEdit !== grant.edit || found.PermissionsViewAllRecords !== grant.viewAllRecords) {
        changes.updateObjects.push({ Id: found.Id, ...flags });
      }
    } else if (grant.viaFieldPermission) {
      const found = fieldsByName.get(fieldKey(grant));
      if (!found) changes.createFields.push({ ParentId: parentId, SobjectType: grant.object, Field: `${grant.object}.${grant.field}`, PermissionsRead: true, PermissionsEdit: grant.edit });
    }
  }
  return changes;
}

const EMPTY: ExistingGrants = { objects: [], fields: [] };

function existingOf(ctx: StepContext): ExistingGrants {
  return ctx.run.existingGrants ?? EMPTY;
}

function changesFor(ctx: StepContext, parentId: string): GrantChanges {
  return grantChanges(parentId, ctx.desired.grants, existingOf(ctx));
}

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

function resultOf(bodies: Map<string, unknown>, changes: GrantChanges): JournalData {
  return {
    createdObjectPermissionIds: savedIds(bodies, 'objects'),
    createdFieldPermissionIds: savedIds(bodies, 'fields'),
    widenedObjects: changes.updateObjects.map((r) => String(r.Id)),
    fields: changes.createFields.map((r) => String(r.Field)),
  };
}

/**
 * ObjectPermissions and FieldPermissions rows for the desired grants, in sObject Collections.
 * Additive: on a permission set that already grants some of them (Update access, resume) only the
 * missing rows are created.
 */
export const accessGrantsStep: Step = {
  id: 'accessGrants',
  intent(ctx) {
    const changes = changesFor(ctx, '');
    return {
      objects: changes.createObjects.map((r) => String(r.SobjectType)),
      fields: changes.createFields.map((r) => String(r.Field)),
    };
  },
  async find(ctx) {
    const parentId = text(ctx.artifacts, 'permissionSet', 'id');
    // A permission set created in the same Composite (its id still a reference) has no grants yet.
    // Any other may: adopted, or created before a retry or resume that follows a grants Composite
    // which went through when a later one failed.
    if (!parentId || isReference(parentId)) {
      ctx.run.existingGrants = EMPTY;
      return null;
    }
    const existing = await readGrants(ctx, parentId);
    ctx.run.existingGrants = existing;
    const changes = changesFor(ctx, parentId);
    const complete = changes.createObjects.length + changes.updateObjects.length + changes.createFields.length === 0;
    return complete ? { createdObjectPermissionIds: [], createdFieldPermissionIds: [], widenedObjects: [], fields: [] } : null;
  },
  compose(ctx) {
    const parentId = text(ctx.artifacts, 'permissionSet', 'id') ?? '';
    const changes = changesFor(ctx, parentId);
    const requests = collectionRequests(changes);
    // Composite carries at most five collections; bigger profiles go through apply in several calls.
    if (requests.length > COMPOSITE_QUERY_LIMIT || requests.length === 0) return null;
    return { requests, provisional: {}, accept: (bodies) => resultOf(bodies, changes) };
  },
  async apply(ctx) {
    const parentId = text(ctx.artifacts, 'permissionSet', 'id');
    if (!parentId) throw new SalesforceError('UNKNOWN', 'The permission set is missing.');
    const changes = changesFor(ctx, parentId);
    const requests = collectionRequests(changes);
    const bodies = new Map<string, unknown>();
    for (let i = 0; i < requests.length; i += COMPOSITE_QUERY_LIMIT) {
      const answered = await ctx.client.compositeAllOrNone(requests.slice(i, i + COMPOSITE_QUERY_LIMIT));
      for (const [ref, body] of answered) bodies.set(ref, body);
    }
    return resultOf(bodies, changes);
  },
  async undo(ctx, result) {
    const objectIds = list({ accessGrants: result }, 'accessGrants', 'createdObjectPermissionIds');
    const fieldIds = list({ accessGrants: result }, 'accessGrants', 'createdFieldPermissionIds');
    const parentId = text(ctx.artifacts, 'permissionSet', 'id');
    if (objectIds.length + fieldIds.length > 0) {
      await destroyGrants(ctx, fieldIds, objectIds);
      return;
    }
    // Only the intent is known (the process died mid-step): remove the rows it names.
    const fields = new Set(list({ accessGrants: result }, 'accessGrants', 'fields').map((f) => f.toLowerCase()));
    const objects = new Set(list({ accessGrants: result }, 'accessGrants', 'objects').map((o) => o.toLowerCase()));
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
