/**
 * Permission set groups (fact ADMIN-RIGHTS-SOURCES): every group has an aggregate permission set
 * (Type 'Group') holding what its member sets grant together, and assigning the group assigns that
 * set, so a user's rights are the union over their assignments whatever the source.
 */
import { SYSTEM_PERMISSIONS } from './catalog';
import { DmlError } from './errors';
import { newId } from './ids';
import { str, type RecordStore, type SRecord } from './store';

/** What group upkeep needs of an org (the org calls it, so it cannot import the org). */
interface GroupOrg {
  store: RecordStore;
  nowIso(): string;
}

function aggregateOf(org: GroupOrg, groupId: string): SRecord | undefined {
  return org.store.all('PermissionSet').find((p) => p.Type === 'Group' && p.PermissionSetGroupId === groupId);
}

/** Recalculates every group's aggregate set from its members (Salesforce does this in the background; here at once). */
export function syncGroupPermissionSets(org: GroupOrg): void {
  for (const group of org.store.all('PermissionSetGroup')) {
    const groupId = str(group.Id) ?? '';
    let aggregate = aggregateOf(org, groupId);
    if (!aggregate) {
      const now = org.nowIso();
      aggregate = {
        Id: newId('0PS'),
        Name: `X${groupId.slice(0, 15)}`,
        Label: str(group.MasterLabel) ?? groupId,
        Description: null,
        LicenseId: null,
        IsOwnedByProfile: false,
        ProfileId: null,
        IsCustom: false,
        HasActivationRequired: false,
        NamespacePrefix: null,
        Type: 'Group',
        PermissionSetGroupId: groupId,
        CreatedDate: now,
        CreatedById: null,
        LastModifiedDate: now,
        LastModifiedById: null,
        SystemModstamp: now,
      };
      org.store.put('PermissionSet', aggregate);
    }
    const members = org.store
      .where('PermissionSetGroupComponent', (c) => c.PermissionSetGroupId === groupId)
      .map((c) => org.store.get('PermissionSet', str(c.PermissionSetId) ?? ''))
      .filter((ps): ps is SRecord => ps !== undefined);
    for (const perm of SYSTEM_PERMISSIONS) aggregate[perm] = members.some((ps) => ps[perm] === true);
    group.Status = 'Updated';
  }
}

/** A group assignment carries the group; Salesforce fills in the group's aggregate set as PermissionSetId. */
export function resolveGroupAssignment(org: GroupOrg, rec: SRecord): void {
  const groupId = str(rec.PermissionSetGroupId);
  if (!groupId) {
    if (!str(rec.PermissionSetId))
      throw new DmlError('REQUIRED_FIELD_MISSING', 'Required fields are missing: [PermissionSetId]', ['PermissionSetId']);
    return;
  }
  syncGroupPermissionSets(org);
  const aggregate = aggregateOf(org, groupId);
  if (!aggregate || (str(rec.PermissionSetId) && rec.PermissionSetId !== aggregate.Id)) {
    throw new DmlError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id');
  }
  rec.PermissionSetId = aggregate.Id ?? null;
}

/** Deleting a group takes its members' links, its aggregate set and its assignments with it. */
export function afterGroupDelete(org: GroupOrg, group: SRecord): void {
  for (const c of org.store.where('PermissionSetGroupComponent', (x) => x.PermissionSetGroupId === group.Id))
    org.store.remove('PermissionSetGroupComponent', String(c.Id));
  const aggregate = aggregateOf(org, str(group.Id) ?? '');
  if (!aggregate) return;
  for (const a of org.store.where('PermissionSetAssignment', (x) => x.PermissionSetId === aggregate.Id))
    org.store.remove('PermissionSetAssignment', String(a.Id));
  org.store.remove('PermissionSet', String(aggregate.Id));
}
