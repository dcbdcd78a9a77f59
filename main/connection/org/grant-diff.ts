import type { Grant, GrantMark, GrantPermission } from '../../../common';
import { needsPermissionRow } from '../../agent/grants';
import type { ExistingGrants } from './grant-rows';

/*
 * The one comparison of the agent's desired access with its permission set in the org. Update
 * access applies it, the health check and the drift notice report it, and the review before a run
 * (its permission difference) shows it: all three must tell the admin the same thing.
 */

type Flags = Partial<Record<GrantPermission, boolean>>;

export interface RowUpdate {
  id: string;
  /** Object name (ObjectPermissions) or Object.Field (FieldPermissions). */
  name: string;
  flags: Flags;
}

export interface GrantDiff {
  /** Desired grants the permission set has no row for. */
  createObjects: Grant[];
  createFields: Grant[];
  /** Rows whose flags change (widened, narrowed, or both). */
  updateObjects: RowUpdate[];
  updateFields: RowUpdate[];
  /** Rows to delete (narrowed by the admin, or added by hand and confirmed). */
  deleteObjectIds: string[];
  deleteFieldIds: string[];
  /** Everything the change adds: `read` = a new row; `edit`/`viewAllRecords` = that permission added. */
  added: GrantMark[];
  /** The part of `added` that is Edit or View All Records: a review and the drift notice call these out. */
  escalations: GrantMark[];
  /** Granted earlier by this app, no longer in the desired state: always removed. */
  narrowed: GrantMark[];
  /** On the permission set though this app never granted it: removed only when the admin confirms. */
  handAdded: GrantMark[];
}

export interface GrantDiffOptions {
  /** The admin confirmed removing what was added by hand. */
  removeHandAdded: boolean;
}

const OBJECT_FLAGS: readonly GrantPermission[] = ['read', 'edit', 'viewAllRecords'];
const FIELD_FLAGS: readonly GrantPermission[] = ['read', 'edit'];
const key = (g: Grant): string => (g.field === null ? g.object : `${g.object}.${g.field}`).toLowerCase();
const flagsOf = (g: Grant): Flags => ({ read: true, edit: g.edit, viewAllRecords: g.viewAllRecords });

function byName(grants: readonly Grant[], rows: 'object' | 'field'): Map<string, Grant> {
  return new Map(grants.filter((g) => needsPermissionRow(g) && (g.field === null) === (rows === 'object')).map((g) => [key(g), g]));
}

/** A row's flags reconciled one by one: what to set, and what that adds or takes away. */
function reconcileRow(
  diff: GrantDiff,
  name: string,
  has: Flags,
  want: Flags,
  granted: Flags | undefined,
  perms: readonly GrantPermission[],
  options: GrantDiffOptions,
): Flags | null {
  const target: Flags = {};
  let changed = false;
  for (const perm of perms) {
    const wanted = want[perm] === true;
    const present = has[perm] === true;
    target[perm] = present;
    if (wanted && !present) {
      target[perm] = true;
      diff.added.push({ name, permission: perm });
      if (perm !== 'read') diff.escalations.push({ name, permission: perm });
    } else if (!wanted && present) {
      const byApp = granted?.[perm] === true;
      (byApp ? diff.narrowed : diff.handAdded).push({ name, permission: perm });
      target[perm] = !(byApp || options.removeHandAdded);
    }
    changed ||= target[perm] !== present;
  }
  return changed ? target : null;
}

/** A row nobody wants any more: removed when this app made it, or when the admin confirms. */
function unwanted(diff: GrantDiff, name: string, id: string, byApp: boolean, options: GrantDiffOptions, ids: string[]): void {
  (byApp ? diff.narrowed : diff.handAdded).push({ name, permission: 'read' });
  if (byApp || options.removeHandAdded) ids.push(id);
}

/**
 * What Update access changes so the permission set grants exactly `desired`. `recorded` is what this
 * app granted last (the connection record): a grant beyond `desired` that it names was narrowed by
 * the admin; any other was added by hand.
 */
export function grantDiff(
  desired: readonly Grant[],
  recorded: readonly Grant[],
  existing: ExistingGrants,
  options: GrantDiffOptions,
): GrantDiff {
  const diff: GrantDiff = {
    createObjects: [],
    createFields: [],
    updateObjects: [],
    updateFields: [],
    deleteObjectIds: [],
    deleteFieldIds: [],
    added: [],
    escalations: [],
    narrowed: [],
    handAdded: [],
  };
  const wanted = { object: byName(desired, 'object'), field: byName(desired, 'field') };
  const granted = { object: byName(recorded, 'object'), field: byName(recorded, 'field') };
  const objectRows = new Map(existing.objects.map((o) => [o.SobjectType.toLowerCase(), o]));
  const fieldRows = new Map(existing.fields.map((f) => [f.Field.toLowerCase(), f]));

  for (const [name, grant] of wanted.object) {
    const row = objectRows.get(name);
    const label = grant.object;
    if (!row) {
      diff.createObjects.push(grant);
      reconcileRow(diff, label, {}, flagsOf(grant), undefined, OBJECT_FLAGS, options);
      continue;
    }
    const has = { read: row.PermissionsRead, edit: row.PermissionsEdit, viewAllRecords: row.PermissionsViewAllRecords };
    const prior = granted.object.get(name);
    const flags = reconcileRow(diff, row.SobjectType, has, flagsOf(grant), prior && flagsOf(prior), OBJECT_FLAGS, options);
    if (flags) diff.updateObjects.push({ id: row.Id, name: row.SobjectType, flags });
  }
  for (const [name, grant] of wanted.field) {
    const row = fieldRows.get(name);
    if (!row) {
      diff.createFields.push(grant);
      reconcileRow(diff, `${grant.object}.${grant.field ?? ''}`, {}, flagsOf(grant), undefined, FIELD_FLAGS, options);
      continue;
    }
    const prior = granted.field.get(name);
    const flags = reconcileRow(
      diff,
      row.Field,
      { read: row.PermissionsRead, edit: row.PermissionsEdit },
      flagsOf(grant),
      prior && flagsOf(prior),
      FIELD_FLAGS,
      options,
    );
    if (flags) diff.updateFields.push({ id: row.Id, name: row.Field, flags });
  }
  for (const row of existing.fields) {
    if (!wanted.field.has(row.Field.toLowerCase()))
      unwanted(diff, row.Field, row.Id, granted.field.has(row.Field.toLowerCase()), options, diff.deleteFieldIds);
  }
  for (const row of existing.objects) {
    if (!wanted.object.has(row.SobjectType.toLowerCase()))
      unwanted(diff, row.SobjectType, row.Id, granted.object.has(row.SobjectType.toLowerCase()), options, diff.deleteObjectIds);
  }
  return diff;
}

/** The rows a set of grants stands for, as if the org held exactly them (a profile change, read without the org). */
export function rowsOf(grants: readonly Grant[]): ExistingGrants {
  return {
    objects: grants
      .filter((g) => g.field === null && needsPermissionRow(g))
      .map((g, i) => ({
        Id: `object${i}`,
        SobjectType: g.object,
        PermissionsRead: true,
        PermissionsEdit: g.edit,
        PermissionsViewAllRecords: g.viewAllRecords,
      })),
    fields: grants
      .filter((g) => g.field !== null && needsPermissionRow(g))
      .map((g, i) => ({ Id: `field${i}`, Field: `${g.object}.${g.field ?? ''}`, PermissionsRead: true, PermissionsEdit: g.edit })),
  };
}

/** Whether the change touches the org at all. */
export const changesAnything = (diff: GrantDiff): boolean =>
  diff.createObjects.length +
    diff.createFields.length +
    diff.updateObjects.length +
    diff.updateFields.length +
    diff.deleteObjectIds.length +
    diff.deleteFieldIds.length >
  0;

/** "Account: View All Records" and the like, in English (logs, CLI, audit). */
export function markText(mark: GrantMark): string {
  const what = { read: 'Read', edit: 'Edit', viewAllRecords: 'View All Records' }[mark.permission];
  return mark.permission === 'read' ? mark.name : `${mark.name}: ${what}`;
}
