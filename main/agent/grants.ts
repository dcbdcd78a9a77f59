import { defaultAccessProfile, type AccessProfile, type Grant } from '../../common';
import { takesFieldPermission } from '../salesforce/permission-picklists';
import type { SObjectDescribe } from '../salesforce/schemas';

/** What the agent's permission set must grant, resolved against the org's describe. */
export interface DesiredAccess {
  grants: Grant[];
  /** Objects or `Object.Field`s the admin chose that the org does not have (a pre-flight blocker). */
  unknown: string[];
  /** Objects or `Object.Field`s of the default profile the org does not have: left out, with a note, never a blocker. */
  skipped: string[];
}

/** What the org says takes permission rows: the two restricted picklists, lower-case (facts OBJECT-PERMISSIONS-PICKLIST, FIELD-PERMISSIONS-PICKLIST). */
export interface PermissionPicklists {
  objectPermissionTypes: ReadonlySet<string>;
  /** `object.field` values of FieldPermissions.Field; empty when the org did not say, and then the describe's `permissionable` decides. */
  fieldPermissionFields: ReadonlySet<string>;
}

const lower = (s: string) => s.toLowerCase();

/** Whether the default access profile lists this object (field null) or field: what the admin did not choose. */
export function isDefaultAccess(object: string, field: string | null): boolean {
  const entry = defaultAccessProfile.objects.find((o) => lower(o.object) === lower(object));
  return !!entry && (field === null || entry.fields.some((f) => lower(f) === lower(field)));
}

/**
 * Object grants (`field: null`) and one grant per chosen field. Fields that are not permissionable
 * (required, system, name fields: those the FieldPermissions.Field picklist leaves out; facts
 * FIELD-PERMISSIONABLE, FIELD-PERMISSIONS-PICKLIST) are readable with object access: kept in
 * the list so the admin sees them, but `viaFieldPermission: false` so no FieldPermissions row is ever
 * sent for them. Objects missing from the org's ObjectPermissions picklist (`objectPermissionTypes`,
 * lower-case names; fact OBJECT-PERMISSIONS-PICKLIST) are reached through their parent records: their
 * grants say `throughParentRecords` and no ObjectPermissions row is sent for them.
 */
export function resolveAccess(
  profile: AccessProfile,
  describes: ReadonlyMap<string, SObjectDescribe>,
  picklists: PermissionPicklists,
): DesiredAccess {
  const grants: Grant[] = [];
  const unknown: string[] = [];
  const skipped: string[] = [];
  const missing = (object: string, field: string | null) =>
    (isDefaultAccess(object, field) ? skipped : unknown).push(field === null ? object : `${object}.${field}`);
  for (const access of profile.objects) {
    const described = describes.get(lower(access.object));
    if (!described) {
      missing(access.object, null);
      continue;
    }
    const throughParentRecords = !picklists.objectPermissionTypes.has(lower(described.name));
    // Without an ObjectPermissions row there is no View All (nor Edit) to grant on the object itself.
    const objectFlags = throughParentRecords
      ? { edit: false, viewAllRecords: false, throughParentRecords }
      : { edit: access.edit, viewAllRecords: access.viewAllRecords };
    grants.push({ object: described.name, field: null, read: true, ...objectFlags, viaFieldPermission: false });
    const byName = new Map(described.fields.map((f) => [lower(f.name), f]));
    const seen = new Set<string>();
    for (const name of access.fields) {
      const field = byName.get(lower(name));
      if (!field) {
        missing(described.name, name);
        continue;
      }
      if (seen.has(field.name)) continue;
      seen.add(field.name);
      const permissionable = takesFieldPermission(picklists.fieldPermissionFields, described.name, field);
      grants.push({
        object: described.name,
        field: field.name,
        read: true,
        edit: access.edit && permissionable && field.updateable,
        viewAllRecords: false,
        viaFieldPermission: permissionable,
        ...(throughParentRecords ? { throughParentRecords } : {}),
      });
    }
  }
  return { grants, unknown, skipped };
}

/** `Object.Field` of every grant that needs a FieldPermissions row. */
export function fieldPermissionNames(grants: readonly Grant[]): string[] {
  return grants.filter((g) => g.field !== null && g.viaFieldPermission).map((g) => `${g.object}.${g.field ?? ''}`);
}

/** Objects whose grant needs an ObjectPermissions row (activities have none). */
export function objectPermissionObjects(grants: readonly Grant[]): string[] {
  return grants.filter((g) => g.field === null && g.throughParentRecords !== true).map((g) => g.object);
}

/** Whether a grant is carried by a row of its own (ObjectPermissions or FieldPermissions). */
export function needsPermissionRow(grant: Grant): boolean {
  return grant.field === null ? grant.throughParentRecords !== true : grant.viaFieldPermission;
}
