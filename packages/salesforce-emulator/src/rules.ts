/**
 * Salesforce's own rules for the setup objects the app writes (docs/salesforce.md, the integration user and permission facts).
 * Each check throws DmlError with the code and (where verified) the verbatim message.
 */
import { DmlError } from './errors';
import { isUsernameTaken } from './registry';
import { afterGroupDelete, resolveGroupAssignment } from './groups';
import { findField, type ObjectDef } from './schema';
import type { Org } from './org';
import { acceptsObjectPermissions } from './security';
import { str, type SRecord } from './store';
import { INTEGRATION_LICENSE, INTEGRATION_PSL } from './seed';
import { checkUserValidationRules } from './user-rules';

/** Fact DEVELOPER-NAME: letters, digits, underscores; starts with a letter; no `__`; no trailing `_`. */
export const DEVELOPER_NAME = /^(?!.*__)[A-Za-z]([A-Za-z0-9_]*[A-Za-z0-9])?$/;
export const DEVELOPER_NAME_MESSAGE =
  'The API Name can only contain underscores and alphanumeric characters. It must be unique, begin with a letter, not include spaces, not end with an underscore, and not contain two consecutive underscores.';

export const DUPLICATE_USERNAME_MESSAGE =
  "Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn't need to match the user's email address).";
const DUPLICATE_NICKNAME_MESSAGE = 'Duplicate Nickname.<br>Another user has already selected this nickname.<br>Please select another.';
const ACCESS_MESSAGE = 'insufficient access rights on object id';

export function beforeInsert(org: Org, def: ObjectDef, rec: SRecord): void {
  switch (def.name) {
    case 'User':
      restrictedPicklists(def, rec);
      return userRules(org, undefined, rec);
    case 'PermissionSet':
      return permissionSetRules(org, undefined, rec);
    case 'ObjectPermissions':
      return objectPermissionRules(org, undefined, rec);
    case 'FieldPermissions':
      return fieldPermissionRules(org, undefined, rec);
    case 'PermissionSetAssignment':
      return assignmentRules(org, rec);
    case 'PermissionSetLicenseAssign':
      return pslAssignRules(org, rec);
    default:
  }
}

export function beforeUpdate(org: Org, def: ObjectDef, old: SRecord, next: SRecord): void {
  switch (def.name) {
    case 'User':
      restrictedPicklists(def, next);
      return userRules(org, old, next);
    case 'PermissionSet':
      if (old.IsOwnedByProfile === true && next.Name !== old.Name) throw new DmlError('INSUFFICIENT_ACCESS_OR_READONLY', ACCESS_MESSAGE);
      return permissionSetRules(org, old, next);
    case 'ObjectPermissions':
      return objectPermissionRules(org, old, next);
    case 'FieldPermissions':
      return fieldPermissionRules(org, old, next);
    default:
  }
}

export function beforeDelete(org: Org, def: ObjectDef, rec: SRecord): void {
  if (def.name === 'PermissionSetAssignment' && org.store.get('PermissionSet', String(rec.PermissionSetId))?.IsOwnedByProfile === true) {
    throw new DmlError('INVALID_CROSS_REFERENCE_KEY', "You can't assign or unassign this permission set because it's owned by a profile.");
  }
  if (def.name !== 'PermissionSet') return;
  if (rec.IsOwnedByProfile === true) throw new DmlError('INSUFFICIENT_ACCESS_OR_READONLY', ACCESS_MESSAGE);
  const assigned = org.store.where('PermissionSetAssignment', (a) => a.PermissionSetId === rec.Id);
  if (assigned.length && org.switches.rejectDeleteAssignedPermissionSet) {
    // Fact PERMISSION-SET-DELETE-ASSIGNED: unverified; the platform refuses to remove assigned sets elsewhere (package uninstall).
    throw new DmlError(
      'DELETE_FAILED',
      `Your attempt to delete ${String(rec.Label)} could not be completed because it is assigned to users. Remove the permission set assignments first.`,
    );
  }
}

/** Deleting a permission set removes its object/field permissions and (when allowed) its assignments. */
export function afterDelete(org: Org, def: ObjectDef, rec: SRecord): void {
  if (def.name === 'PermissionSetGroup') return afterGroupDelete(org, rec);
  if (def.name !== 'PermissionSet') return;
  for (const child of ['ObjectPermissions', 'FieldPermissions', 'PermissionSetAssignment']) {
    const key = child === 'PermissionSetAssignment' ? 'PermissionSetId' : 'ParentId';
    for (const r of org.store.where(child, (x) => x[key] === rec.Id)) org.store.remove(child, String(r.Id));
  }
}

// ---- User (facts USER-USERNAME, INTEGRATION-SEATS) ----

/** A restricted picklist refuses any value outside its list (fact USER-DEFAULTS names the User ones). */
function restrictedPicklists(def: ObjectDef, rec: SRecord): void {
  for (const f of def.fields) {
    const value = rec[f.name];
    if (!f.restrictedPicklist || value === undefined || value === null || f.picklistValues.includes(String(value))) continue;
    throw new DmlError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${f.label}: bad value for restricted picklist field: ${String(value)}`, [
      f.name,
    ]);
  }
}

function userRules(org: Org, old: SRecord | undefined, next: SRecord): void {
  const username = String(next.Username ?? '');
  if (!old || username.toLowerCase() !== String(old.Username).toLowerCase()) {
    if (isUsernameTaken(username)) throw new DmlError('DUPLICATE_USERNAME', DUPLICATE_USERNAME_MESSAGE, ['Username']);
  }
  if (String(next.Alias ?? '').length > 8) {
    throw new DmlError('STRING_TOO_LONG', `Alias: data value too large: ${String(next.Alias)} (max length=8)`, ['Alias']);
  }
  if (!next.CommunityNickname && org.switches.autoCommunityNickname) {
    next.CommunityNickname = `${username.split('@')[0] ?? 'user'}${Math.floor(Math.random() * 1e9)}`.slice(0, 40);
  }
  const nick = String(next.CommunityNickname ?? '').toLowerCase();
  const clash = org.store.all('User').some((u) => u.Id !== old?.Id && String(u.CommunityNickname ?? '').toLowerCase() === nick);
  if (nick && clash) throw new DmlError('DUPLICATE_COMM_NICKNAME', DUPLICATE_NICKNAME_MESSAGE, ['CommunityNickname']);
  if (!nick) throw new DmlError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [CommunityNickname]', ['CommunityNickname']);
  checkUserValidationRules(org, next);
  checkSeat(org, old, next);
}

/** A seat is needed when a user becomes active or moves to a profile of another licence (fact INTEGRATION-SEATS). */
function checkSeat(org: Org, old: SRecord | undefined, next: SRecord): void {
  if (next.IsActive !== true) return;
  const newLicense = org.licenseOf(next);
  if (!newLicense) return;
  const alreadyCounted = old !== undefined && old.IsActive === true && org.licenseOf(old)?.Id === newLicense.Id;
  if (alreadyCounted) return;
  if (Number(newLicense.UsedLicenses) >= Number(newLicense.TotalLicenses)) {
    throw new DmlError('LICENSE_LIMIT_EXCEEDED', 'License Limit Exceeded');
  }
}

// ---- PermissionSet (facts DEVELOPER-NAME, PERMISSION-SET-DUPLICATE-NAME) ----

function permissionSetRules(org: Org, old: SRecord | undefined, next: SRecord): void {
  const name = String(next.Name ?? '');
  if (name.length > 80) throw new DmlError('STRING_TOO_LONG', `API Name: data value too large: ${name} (max length=80)`, ['Name']);
  if (String(next.Label ?? '').length > 80) {
    throw new DmlError('STRING_TOO_LONG', `Label: data value too large: ${String(next.Label)} (max length=80)`, ['Label']);
  }
  if (String(next.Description ?? '').length > 255) {
    throw new DmlError('STRING_TOO_LONG', 'Description: data value too large (max length=255)', ['Description']);
  }
  if (next.IsOwnedByProfile !== true && !DEVELOPER_NAME.test(name))
    throw new DmlError('FIELD_INTEGRITY_EXCEPTION', DEVELOPER_NAME_MESSAGE, ['Name']);
  const dup = org.store.all('PermissionSet').find((ps) => ps.Id !== old?.Id && String(ps.Name).toLowerCase() === name.toLowerCase());
  if (dup) {
    const code = org.switches.duplicatePermissionSetNameCode;
    const message =
      code === 'DUPLICATE_DEVELOPER_NAME'
        ? `The API Name "${name}" is already in use. Enter a unique API Name.`
        : `duplicate value found: Name duplicates value on record with id: ${String(dup.Id)}`;
    throw new DmlError(code, message, ['Name']);
  }
}

// ---- ObjectPermissions (facts PERMISSION-DEPENDENCIES, OBJECT-PERMISSIONS-PICKLIST) ----

const OBJECT_DEPENDENCIES: [string, string[]][] = [
  ['PermissionsCreate', ['PermissionsRead']],
  ['PermissionsEdit', ['PermissionsRead']],
  ['PermissionsViewAllRecords', ['PermissionsRead']],
  ['PermissionsDelete', ['PermissionsRead', 'PermissionsEdit']],
  ['PermissionsModifyAllRecords', ['PermissionsRead', 'PermissionsEdit', 'PermissionsDelete', 'PermissionsViewAllRecords']],
];

const PERMISSION_LABEL: Record<string, string> = {
  PermissionsRead: 'Read',
  PermissionsCreate: 'Create',
  PermissionsEdit: 'Edit',
  PermissionsDelete: 'Delete',
  PermissionsViewAllRecords: 'View All',
  PermissionsModifyAllRecords: 'Modify All',
};

function objectPermissionRules(org: Org, old: SRecord | undefined, next: SRecord): void {
  const type = String(next.SobjectType ?? '');
  const target = org.store.object(type);
  if (!target || !acceptsObjectPermissions(org, target) || target.name !== type) {
    throw new DmlError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `Object Name: bad value for restricted picklist field: ${type}`, [
      'SobjectType',
    ]);
  }
  for (const [perm, needs] of OBJECT_DEPENDENCIES) {
    const missing = needs.filter((n) => next[n] !== true);
    if (next[perm] === true && missing.length) {
      throw new DmlError(
        'FIELD_INTEGRITY_EXCEPTION',
        `Permission ${PERMISSION_LABEL[perm] ?? perm} ${type} depends on permission(s): ${missing.map((m) => `${PERMISSION_LABEL[m] ?? m} ${type}`).join(', ')}`,
      );
    }
  }
  const dup = org.store.all('ObjectPermissions').find((o) => o.Id !== old?.Id && o.ParentId === next.ParentId && o.SobjectType === type);
  if (dup) throw new DmlError('DUPLICATE_VALUE', `duplicate value found: <unknown> duplicates value on record with id: ${String(dup.Id)}`);
  // A set already assigned to an integration user without the PSL can't start granting standard objects (fact INTEGRATION-USER-LICENCE).
  if (next.PermissionsRead === true && !target.custom) {
    for (const a of org.store.where('PermissionSetAssignment', (x) => x.PermissionSetId === next.ParentId)) {
      const user = org.user(String(a.AssigneeId));
      if (user && needsIntegrationPsl(org, user)) throw licenseDisallows(type);
    }
  }
}

// ---- FieldPermissions (facts FIELD-PERMISSIONABLE, PERMISSION-DEPENDENCIES) ----

function fieldPermissionRules(org: Org, old: SRecord | undefined, next: SRecord): void {
  const raw = String(next.Field ?? '');
  const [objName, fieldName, extra] = raw.split('.');
  const def = objName ? org.store.object(objName) : undefined;
  // v50+: a lookup may be named without its Id suffix (Contact.Account -> Contact.AccountId).
  const f = def && fieldName && extra === undefined ? (findField(def, fieldName) ?? findField(def, `${fieldName}Id`)) : undefined;
  if (!def || !f || !f.permissionable || def.name !== objName || def.setup) {
    throw new DmlError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `Field Name: bad value for restricted picklist field: ${raw}`, ['Field']);
  }
  if (String(next.SobjectType ?? '') !== def.name) {
    throw new DmlError(
      'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      `Object Name: bad value for restricted picklist field: ${String(next.SobjectType)}`,
      ['SobjectType'],
    );
  }
  next.Field = `${def.name}.${f.name}`;
  if (next.PermissionsEdit === true && next.PermissionsRead !== true) {
    throw new DmlError('FIELD_INTEGRITY_EXCEPTION', `Permission Edit ${next.Field} depends on permission(s): Read ${next.Field}`);
  }
  if (next.PermissionsEdit === true && !f.updateable) {
    throw new DmlError('FIELD_INTEGRITY_EXCEPTION', `You can't grant Edit access to the read-only field ${next.Field}`);
  }
  const dup = org.store.all('FieldPermissions').find((x) => x.Id !== old?.Id && x.ParentId === next.ParentId && x.Field === next.Field);
  if (dup) throw new DmlError('DUPLICATE_VALUE', `duplicate value found: <unknown> duplicates value on record with id: ${String(dup.Id)}`);
}

// ---- PermissionSetAssignment (facts INTEGRATION-USER-LICENCE, PERMISSION-SET-ASSIGNMENT) and PermissionSetLicenseAssign ----

function needsIntegrationPsl(org: Org, user: SRecord): boolean {
  if (org.licenseOf(user)?.Name !== INTEGRATION_LICENSE) return false;
  const psl = org.store.all('PermissionSetLicense').find((l) => l.DeveloperName === INTEGRATION_PSL);
  return !org.store.all('PermissionSetLicenseAssign').some((a) => a.AssigneeId === user.Id && a.PermissionSetLicenseId === psl?.Id);
}

function licenseDisallows(objectName: string): DmlError {
  return new DmlError('FIELD_INTEGRITY_EXCEPTION', `The user license doesn't allow the permission: Read ${objectName}`);
}

function assignmentRules(org: Org, rec: SRecord): void {
  resolveGroupAssignment(org, rec);
  const ps = org.store.get('PermissionSet', String(rec.PermissionSetId));
  const user = org.user(String(rec.AssigneeId));
  if (!ps || !user) throw new DmlError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
  if (ps.IsOwnedByProfile === true) {
    throw new DmlError('INVALID_CROSS_REFERENCE_KEY', "You can't assign or unassign this permission set because it's owned by a profile.");
  }
  const dup = org.store.all('PermissionSetAssignment').some((a) => a.AssigneeId === user.Id && a.PermissionSetId === ps.Id);
  if (dup)
    throw new DmlError(
      'DUPLICATE_VALUE',
      `Duplicate PermissionSetAssignment. Assignee: ${String(user.Id)}, Permission Set: ${String(ps.Id)}`,
    );
  const licenseId = str(ps.LicenseId);
  if (licenseId && licenseId.startsWith('100') && org.licenseOf(user)?.Id !== licenseId) {
    throw new DmlError('FIELD_INTEGRITY_EXCEPTION', "The user license doesn't match the permission set license.");
  }
  if (needsIntegrationPsl(org, user)) {
    const standardRead = org.store
      .all('ObjectPermissions')
      .find((op) => op.ParentId === ps.Id && op.PermissionsRead === true && !String(op.SobjectType).endsWith('__c'));
    if (standardRead) throw licenseDisallows(String(standardRead.SobjectType));
  }
}

function pslAssignRules(org: Org, rec: SRecord): void {
  const psl = org.store.get('PermissionSetLicense', String(rec.PermissionSetLicenseId));
  if (!psl) throw new DmlError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
  const dup = org.store
    .all('PermissionSetLicenseAssign')
    .find((a) => a.AssigneeId === rec.AssigneeId && a.PermissionSetLicenseId === psl.Id);
  if (dup) throw new DmlError('DUPLICATE_VALUE', `duplicate value found: <unknown> duplicates value on record with id: ${String(dup.Id)}`);
  if (Number(psl.UsedLicenses) >= Number(psl.TotalLicenses)) throw new DmlError('LICENSE_LIMIT_EXCEEDED', 'License Limit Exceeded');
}
