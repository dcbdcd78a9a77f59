/** The JSON behind GET /__emulator/state: field names as Salesforce spells them. */
import { ECA_GLOBAL, ECA_HEADER, ECA_OAUTH, ECA_OAUTH_POLICIES, ECA_POLICIES, satellitesOf } from './eca';
import type { MdComponent, MdObject, Org } from './org';
import type { SRecord } from './store';

export interface EmulatorState {
  orgId: string;
  now: string;
  users: { Id: string; Username: string; Name: string; IsActive: boolean; ProfileId: string; ProfileName: string }[];
  licences: { Id: string; Name: string; TotalLicenses: number; UsedLicenses: number }[];
  permissionSetLicenses: { Id: string; DeveloperName: string; MasterLabel: string; TotalLicenses: number; UsedLicenses: number }[];
  permissionSets: { Id: string; Name: string; Label: string; Description: string | null }[];
  objectPermissions: SRecord[];
  fieldPermissions: SRecord[];
  permissionSetAssignments: { Id: string; AssigneeId: string; PermissionSetId: string }[];
  permissionSetLicenseAssigns: { Id: string; AssigneeId: string; PermissionSetLicenseId: string }[];
  externalClientApps: Record<string, unknown>[];
  connectedApps: Record<string, unknown>[];
  settings: Record<string, unknown>;
  tokens: { active: number };
}

function pick(rec: SRecord, keys: string[]): SRecord {
  return Object.fromEntries(keys.map((k) => [k, rec[k] ?? null]));
}

function component(c: MdComponent | undefined): (MdObject & { fullName: string; id: string }) | null {
  return c ? { fullName: c.fullName, id: c.id, ...c.fields } : null;
}

export function buildState(org: Org): EmulatorState {
  const s = org.store;
  const customSet = (r: SRecord): boolean => r.IsOwnedByProfile !== true;
  const customIds = new Set(s.where('PermissionSet', customSet).map((p) => String(p.Id)));
  const profileName = (id: unknown): string => String(s.get('Profile', String(id))?.Name ?? '');
  return {
    orgId: org.orgId,
    now: new Date(org.now()).toISOString(),
    users: s.all('User').map((u) => ({
      Id: String(u.Id),
      Username: String(u.Username),
      Name: String(u.Name),
      IsActive: u.IsActive === true,
      ProfileId: String(u.ProfileId),
      ProfileName: profileName(u.ProfileId),
    })),
    licences: s.all('UserLicense').map((l) => ({
      Id: String(l.Id),
      Name: String(l.Name),
      TotalLicenses: Number(l.TotalLicenses),
      UsedLicenses: Number(l.UsedLicenses),
    })),
    permissionSetLicenses: s.all('PermissionSetLicense').map((l) => ({
      Id: String(l.Id),
      DeveloperName: String(l.DeveloperName),
      MasterLabel: String(l.MasterLabel),
      TotalLicenses: Number(l.TotalLicenses),
      UsedLicenses: Number(l.UsedLicenses),
    })),
    permissionSets: s.where('PermissionSet', customSet).map((p) => ({
      Id: String(p.Id),
      Name: String(p.Name),
      Label: String(p.Label),
      Description: typeof p.Description === 'string' ? p.Description : null,
    })),
    objectPermissions: s
      .where('ObjectPermissions', (o) => customIds.has(String(o.ParentId)))
      .map((o) =>
        pick(o, [
          'Id',
          'ParentId',
          'SobjectType',
          'PermissionsRead',
          'PermissionsCreate',
          'PermissionsEdit',
          'PermissionsDelete',
          'PermissionsViewAllRecords',
          'PermissionsModifyAllRecords',
        ]),
      ),
    fieldPermissions: s
      .where('FieldPermissions', (f) => customIds.has(String(f.ParentId)))
      .map((f) => pick(f, ['Id', 'ParentId', 'SobjectType', 'Field', 'PermissionsRead', 'PermissionsEdit'])),
    permissionSetAssignments: s
      .where('PermissionSetAssignment', (a) => customIds.has(String(a.PermissionSetId)))
      .map((a) => ({
        Id: String(a.Id),
        AssigneeId: String(a.AssigneeId),
        PermissionSetId: String(a.PermissionSetId),
      })),
    permissionSetLicenseAssigns: s.all('PermissionSetLicenseAssign').map((a) => ({
      Id: String(a.Id),
      AssigneeId: String(a.AssigneeId),
      PermissionSetLicenseId: String(a.PermissionSetLicenseId),
    })),
    externalClientApps: [...org.components(ECA_HEADER).values()].map((h) => ({
      ...component(h),
      oauthSettings: component(satellitesOf(org, ECA_OAUTH, h.fullName)[0]),
      globalOauthSettings: component(satellitesOf(org, ECA_GLOBAL, h.fullName)[0]),
      oauthPolicies: component(satellitesOf(org, ECA_OAUTH_POLICIES, h.fullName)[0]),
      policies: component(satellitesOf(org, ECA_POLICIES, h.fullName)[0]),
    })),
    connectedApps: [...org.components('ConnectedApp').values()].map((c) => component(c) ?? {}),
    settings: { ExternalClientApp: component(org.component('ExternalClientAppSettings', 'ExternalClientApp')) },
    tokens: { active: org.activeTokenCount() },
  };
}
