/**
 * Record visibility (fact OWD-SOURCES): an object's read permission lets a user query it, but which of
 * its records they see follows the org-wide default of that object, ownership, View All on the object
 * and View All Data. Role hierarchy, groups, sharing rules and manual shares are not emulated: a user
 * without a role (the integration user) gains nothing from them anyway.
 */
import type { Org } from './org';
import type { ObjectDef } from './schema';
import { canReadObject, hasObjectFlag, throughParentRecords, type Principal } from './security';
import { str, type SRecord } from './store';

export type RecordAccess = 'private' | 'public' | 'parent';

/** The standard objects whose default lives on Organization (`Default<Object>Access`). */
const ORGANIZATION_FIELDS: Record<string, string> = {
  Account: 'DefaultAccountAccess',
  Contact: 'DefaultContactAccess',
  Opportunity: 'DefaultOpportunityAccess',
  Lead: 'DefaultLeadAccess',
  Case: 'DefaultCaseAccess',
};

/** The record a Controlled by Parent record follows: a contact its account, a custom object its first lookup. */
function parentField(def: ObjectDef): string | undefined {
  if (def.name === 'Contact') return 'AccountId';
  return def.fields.find((f) => f.type === 'reference' && f.custom)?.name;
}

function fromValue(value: string | undefined): RecordAccess {
  if (value === 'None' || value === 'Private') return 'private';
  if (value === 'ControlledByParent') return 'parent';
  return 'public';
}

/** Standard objects: the Organization field; custom objects: EntityDefinition.InternalSharingModel (Public Read/Write if absent). */
export function recordAccess(org: Org, def: ObjectDef): RecordAccess {
  const field = ORGANIZATION_FIELDS[def.name];
  if (field) return fromValue(str(org.store.get('Organization', org.orgId)?.[field]));
  if (!def.custom) return 'public';
  const entity = org.store.all('EntityDefinition').find((e) => str(e.QualifiedApiName)?.toLowerCase() === def.name.toLowerCase());
  return fromValue(str(entity?.InternalSharingModel));
}

function viewAll(org: Org, p: Principal, def: ObjectDef): boolean {
  return hasObjectFlag(org, p, def.name, 'PermissionsViewAllRecords') || hasObjectFlag(org, p, def.name, 'PermissionsModifyAllRecords');
}

/** A parent's record that the user can read, object and record (a missing parent is not). */
function canReadParent(org: Org, p: Principal, id: string, depth: number): boolean {
  const parent = org.store.findById(id);
  return parent !== undefined && canReadObject(org, p, parent.def) && canSee(org, p, parent.def, parent.rec, depth + 1);
}

/**
 * Activities reached through parent records (fact ACTIVITY-OBJECT-PERMISSIONS): the assignee sees their
 * own; anyone else needs to read every record the activity is related to (WhoId, WhatId).
 */
function canSeeActivity(org: Org, p: Principal, rec: SRecord, depth: number): boolean {
  const parents = [str(rec.WhoId), str(rec.WhatId)].filter((id): id is string => Boolean(id));
  return parents.length > 0 && parents.every((id) => canReadParent(org, p, id, depth));
}

function canSee(org: Org, p: Principal, def: ObjectDef, rec: SRecord, depth: number): boolean {
  if (depth > 3) return false;
  if (p.isAdmin || def.setup) return true;
  if (rec.OwnerId === p.userId) return true;
  if (throughParentRecords(org, def)) return canSeeActivity(org, p, rec, depth);
  if (viewAll(org, p, def)) return true;
  const access = recordAccess(org, def);
  if (access === 'public') return true;
  if (access === 'private') return false;
  const parentId = str(rec[parentField(def) ?? '']);
  // A contact on no account is private to its owner, whatever the default (fact OWD-SOURCES).
  return parentId !== undefined && canReadParent(org, p, parentId, depth);
}

/** Whether the principal sees this record of an object it can read. */
export function canReadRecord(org: Org, p: Principal, def: ObjectDef, rec: SRecord): boolean {
  return canSee(org, p, def, rec, 0);
}
