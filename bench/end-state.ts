import type { EmulatorState } from '../packages/salesforce-emulator/index';
import { isOurUsername, ownerOf } from '../main/connection/org/names';

/** Keys whose values differ between two equally correct runs (fresh ids, keys, secrets): only their presence counts. */
const VOLATILE = new Set([
  'Id',
  'id',
  'ParentId',
  'AssigneeId',
  'PermissionSetId',
  'PermissionSetLicenseId',
  'consumerKey',
  'consumerSecret',
  'certificate',
  'orgScopedExternalApp',
]);

type Comparable = Record<string, unknown>;

/**
 * The org as far as a connection changes it, with everything that legitimately differs between two
 * runs (record ids, the integration user's random username suffix, the agent's key and certificate,
 * the consumer key) replaced by what it refers to, and lists sorted. Two runs that granted the same
 * access to the same kind of user through the same app give equal results.
 */
export function comparableState(state: EmulatorState): Comparable {
  const userName = new Map(state.users.map((u) => [u.Id, isOurUsername(u.Username) ? 'integration user' : u.Username]));
  const permissionSet = new Map(state.permissionSets.map((p) => [p.Id, p.Name]));
  const licence = new Map(state.permissionSetLicenses.map((l) => [l.Id, l.DeveloperName]));
  return {
    users: sorted(state.users.map((u) => ({ username: userName.get(u.Id), name: u.Name, active: u.IsActive, profile: u.ProfileName }))),
    seats: sorted(
      [...state.licences, ...state.permissionSetLicenses].map((l) => ({
        name: 'Name' in l ? l.Name : l.DeveloperName,
        total: l.TotalLicenses,
        used: l.UsedLicenses,
      })),
    ),
    permissionSets: sorted(state.permissionSets.map(withoutVolatile)),
    objectPermissions: sorted(
      state.objectPermissions.map((o) => ({ ...withoutVolatile(o), parent: permissionSet.get(String(o.ParentId)) })),
    ),
    fieldPermissions: sorted(state.fieldPermissions.map((f) => ({ ...withoutVolatile(f), parent: permissionSet.get(String(f.ParentId)) }))),
    permissionSetAssignments: sorted(
      state.permissionSetAssignments.map((a) => ({
        user: userName.get(a.AssigneeId),
        permissionSet: permissionSet.get(a.PermissionSetId),
      })),
    ),
    licenceAssignments: sorted(
      state.permissionSetLicenseAssigns.map((a) => ({ user: userName.get(a.AssigneeId), licence: licence.get(a.PermissionSetLicenseId) })),
    ),
    externalClientApps: sorted(state.externalClientApps.map((app) => deepWithoutVolatile(app))),
  };
}

/** The first place two comparable states differ (a path and both values), or null when they are equal. */
export function firstDifference(a: unknown, b: unknown, path = ''): string | null {
  if (Object.is(a, b)) return null;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${path || '(root)'}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`;
  }
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const key of [...keys].sort()) {
    const found = firstDifference((a as Comparable)[key], (b as Comparable)[key], `${path}/${key}`);
    if (found) return found;
  }
  return null;
}

function withoutVolatile(record: object): Comparable {
  return Object.fromEntries(
    Object.entries(record).map(([key, value]) => [key, VOLATILE.has(key) ? presence(value) : withoutOwnerIds(value)]),
  );
}

/** Every run is its own connection, made by its own install: only that an owner is named counts. */
function withoutOwnerIds(value: unknown): unknown {
  const owner = ownerOf(value);
  if (!owner || typeof value !== 'string') return value;
  return value.replace(owner.connectionId, '(connection)').replace(owner.installId, '(install)');
}

function presence(value: unknown): string {
  return value === null || value === undefined || value === '' ? '(none)' : '(set)';
}

function deepWithoutVolatile(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(deepWithoutVolatile);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(withoutVolatile(value)).map(([k, v]) => [k, deepWithoutVolatile(v)]));
}

function sorted<T>(items: T[]): T[] {
  return items
    .map((item) => [JSON.stringify(item), item] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, item]) => item);
}
