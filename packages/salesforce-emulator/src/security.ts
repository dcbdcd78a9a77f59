/**
 * Who a token acts as and what they may see: the profile's owned permission set plus assigned
 * permission sets (fact PERMISSION-DEPENDENCIES). Users with View/Modify All Data see every object and field (deviation:
 * real admins get FLS from their profile, which grants everything in a standard org anyway).
 */
import type { SystemPermission } from './catalog';
import type { Org } from './org';
import type { FieldDef, ObjectDef } from './schema';
import { str, type SRecord } from './store';

export interface Principal {
  userId: string;
  user: SRecord;
  permSetIds: Set<string>;
  perms: Set<SystemPermission>;
  isAdmin: boolean;
}

export function principalFor(org: Org, userId: string): Principal | undefined {
  const user = org.user(userId);
  if (!user) return undefined;
  const permSetIds = new Set<string>();
  const owned = org.store.all('PermissionSet').find((p) => p.IsOwnedByProfile === true && p.ProfileId === user.ProfileId);
  if (owned) permSetIds.add(String(owned.Id));
  for (const a of org.store.all('PermissionSetAssignment')) {
    if (a.AssigneeId === user.Id && typeof a.PermissionSetId === 'string') permSetIds.add(a.PermissionSetId);
  }
  const perms = new Set<SystemPermission>();
  for (const id of permSetIds) {
    const ps = org.store.get('PermissionSet', id);
    for (const [k, v] of Object.entries(ps ?? {})) if (k.startsWith('Permissions') && v === true) perms.add(k as SystemPermission);
  }
  const isAdmin = perms.has('PermissionsModifyAllData') || perms.has('PermissionsViewAllData');
  return { userId: String(user.Id), user, permSetIds, perms, isAdmin };
}

export function isApiOnly(org: Org, user: SRecord): boolean {
  return org.profileOf(user)?.PermissionsApiUserOnly === true;
}

type ObjectFlag =
  | 'PermissionsRead'
  | 'PermissionsCreate'
  | 'PermissionsEdit'
  | 'PermissionsDelete'
  | 'PermissionsViewAllRecords'
  | 'PermissionsModifyAllRecords';

export function hasObjectFlag(org: Org, p: Principal, objectName: string, flag: ObjectFlag): boolean {
  return org.store
    .all('ObjectPermissions')
    .some((op) => op.SobjectType === objectName && p.permSetIds.has(str(op.ParentId) ?? '') && op[flag] === true);
}

const ACTIVITIES = new Set(['Task', 'Event']);

/**
 * The values of ObjectPermissions.SobjectType (fact OBJECT-PERMISSIONS-PICKLIST): data objects, but
 * activities only when the switch says so (fact ACTIVITY-OBJECT-PERMISSIONS).
 */
export function acceptsObjectPermissions(org: Org, def: ObjectDef): boolean {
  return !def.setup && (!ACTIVITIES.has(def.name) || org.switches.activityObjectPermissions === 'accepted');
}

/** Activities outside the picklist are reached through the records they belong to, not an object permission. */
export function throughParentRecords(org: Org, def: ObjectDef): boolean {
  return ACTIVITIES.has(def.name) && !acceptsObjectPermissions(org, def);
}

/** Setup objects are readable by every API user (their own sharing rules are not emulated). */
export function canReadObject(org: Org, p: Principal, def: ObjectDef): boolean {
  return def.setup || p.isAdmin || throughParentRecords(org, def) || hasObjectFlag(org, p, def.name, 'PermissionsRead');
}

const SETUP_WRITE_PERMS: SystemPermission[] = [
  'PermissionsManageUsers',
  'PermissionsCustomizeApplication',
  'PermissionsAssignPermissionSets',
  'PermissionsManageProfilesPermissionsets',
];

export function canWriteObject(
  org: Org,
  p: Principal,
  def: ObjectDef,
  flag: 'PermissionsCreate' | 'PermissionsEdit' | 'PermissionsDelete',
): boolean {
  if (p.isAdmin) return true;
  if (def.setup) return SETUP_WRITE_PERMS.some((perm) => p.perms.has(perm));
  return hasObjectFlag(org, p, def.name, flag);
}

function hasFieldFlag(org: Org, p: Principal, def: ObjectDef, f: FieldDef, flag: 'PermissionsRead' | 'PermissionsEdit'): boolean {
  const key = `${def.name}.${f.name}`.toLowerCase();
  return org.store
    .all('FieldPermissions')
    .some((fp) => str(fp.Field)?.toLowerCase() === key && p.permSetIds.has(str(fp.ParentId) ?? '') && fp[flag] === true);
}

/** Admins read every field their profile's FLS shows: all but those it hides (fact FIELD-PERMISSIONS-PICKLIST). */
const adminReads = (p: Principal, f: FieldDef): boolean => p.isAdmin && !f.hiddenFromAdmins;

/** Non-permissionable fields are always visible once the object is (fact FIELD-PERMISSIONABLE). */
export function canReadField(org: Org, p: Principal, def: ObjectDef, f: FieldDef): boolean {
  return def.setup || adminReads(p, f) || !f.permissionable || hasFieldFlag(org, p, def, f, 'PermissionsRead');
}

export function canEditField(org: Org, p: Principal, def: ObjectDef, f: FieldDef): boolean {
  return def.setup || adminReads(p, f) || !f.permissionable || hasFieldFlag(org, p, def, f, 'PermissionsEdit');
}

export function hasPerm(p: Principal, perm: SystemPermission): boolean {
  return p.perms.has(perm);
}
