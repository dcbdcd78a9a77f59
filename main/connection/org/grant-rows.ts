import { z } from 'zod';

/** The permission set's grant rows as Salesforce returns them (ObjectPermissions, FieldPermissions). */
export const objectPermissionRow = z.object({
  Id: z.string(),
  SobjectType: z.string(),
  PermissionsRead: z.boolean(),
  PermissionsEdit: z.boolean(),
  PermissionsViewAllRecords: z.boolean(),
});
export const fieldPermissionRow = z.object({
  Id: z.string(),
  Field: z.string(),
  PermissionsRead: z.boolean(),
  PermissionsEdit: z.boolean(),
});
export type ObjectPermissionRow = z.infer<typeof objectPermissionRow>;
export type FieldPermissionRow = z.infer<typeof fieldPermissionRow>;

export interface ExistingGrants {
  objects: ObjectPermissionRow[];
  fields: FieldPermissionRow[];
}
