import type { SObjectDescribe } from './schemas';

/**
 * The active values of FieldPermissions.Field, lower-case (`event.description`): the fields a
 * permission set can hold a FieldPermissions row for (fact FIELD-PERMISSIONS-PICKLIST). It names
 * fields the admin's own describe may hide, and leaves out those without FLS of their own.
 */
export function fieldPermissionFieldsOf(fieldPermissions: SObjectDescribe): Set<string> {
  const field = fieldPermissions.fields.find((f) => f.name === 'Field');
  return new Set((field?.picklistValues ?? []).filter((v) => v.active).map((v) => v.value.toLowerCase()));
}

/** Whether a described field takes a FieldPermissions row: the picklist says; an org that lists none leaves it to the describe. */
export function takesFieldPermission(
  listed: ReadonlySet<string>,
  object: string,
  field: { name: string; permissionable: boolean },
): boolean {
  return listed.size > 0 ? listed.has(`${object}.${field.name}`.toLowerCase()) : field.permissionable;
}
