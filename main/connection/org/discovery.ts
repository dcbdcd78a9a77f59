import { z } from 'zod';
import type { AccessProfile, CoexistingConnection, UserDefaults } from '../../../common';
import { queryRows, queryUrl, soqlQuote, type CompositeSubrequest, type OrgClient, type SubResult } from '../../salesforce/client';
import { SalesforceError } from '../../salesforce/errors';
import { objectPermissionTypesOf, sobjectDescribeSchema, type SObjectDescribe } from '../../salesforce/schemas';
import { fieldPermissionFieldsOf } from '../../salesforce/permission-picklists';
import { isOurUsername, type ArtifactNames } from './names';
import { outsideObject } from './outside-object';
import { coexistingConnection, microsoftFilters, MICROSOFT_PROFILE } from './coexistence';
import { userDescribeRequest, userFieldsOf, USER_DESCRIBE_REF, type UserFields } from './user-fields';

export const INTEGRATION_LICENCE = 'Salesforce Integration';
export const API_INTEGRATION_PSL = 'SalesforceAPIIntegrationPsl';
export const INTEGRATION_PROFILE = 'Minimum Access - API Only Integrations';

/** The admin rights provisioning needs, by the permission field that carries each (on a profile, permission set or group). */
export const ADMIN_RIGHTS: Record<string, string> = {
  PermissionsCustomizeApplication: 'Customize Application',
  PermissionsManageUsers: 'Manage Users',
  PermissionsAssignPermissionSets: 'Assign Permission Sets',
  PermissionsManageProfilesPermissionsets: 'Manage Profiles and Permission Sets',
  PermissionsModifyMetadata: 'Modify Metadata Through Metadata API Functions',
};

export interface Seats {
  id: string;
  total: number;
  used: number;
}

export interface FoundUser {
  id: string;
  username: string;
  active: boolean;
  profileId: string | null;
}

/** What the org looks like before (or while) a run changes it, gathered in as few requests as possible. */
/** What the org says about itself; its type sets the agent's JWT audience (fact ORG-TYPE). */
export interface OrgFacts {
  id: string;
  isSandbox: boolean;
  organizationType: string | null;
  instanceName: string | null;
}

export interface OrgSnapshot {
  org: OrgFacts;
  adminEmail: string;
  /** The org's time zone, locale and language, and the admin's email encoding (fact USER-DEFAULTS). */
  userDefaults: UserDefaults;
  /** Labels of required admin rights none of the admin's profile, permission sets or groups grants. */
  adminRightsMissing: string[];
  integrationLicence: Seats | null;
  apiPsl: Seats | null;
  integrationProfile: { id: string; name: string } | null;
  permissionSet: { id: string; name: string; label: string; description: string | null } | null;
  /** Earlier integration users of this agent that carry our username marker. */
  users: FoundUser[];
  /** `unavailable` when the org has no External Client Apps. */
  app: { id: string; developerName: string; description: string | null; createdDate: string | null } | null | 'unavailable';
  describes: Map<string, SObjectDescribe>;
  /** Lower-case names of the objects the org takes ObjectPermissions for (fact OBJECT-PERMISSIONS-PICKLIST). */
  objectPermissionTypes: Set<string>;
  /** Lower-case `object.field`s the org takes FieldPermissions for (fact FIELD-PERMISSIONS-PICKLIST). */
  fieldPermissionFields: Set<string>;
  /** A readable object outside the profile: verification checks the agent is refused it. */
  outsideObject: string | null;
  /** What a new User must or may carry (fact USER-REQUIRED-FIELDS). */
  userFields: UserFields;
  /** Microsoft's own Sales agent connection, never changed (fact MICROSOFT-SALES-AGENT-CONNECTION). */
  coexisting: CoexistingConnection | null;
}

const str = z.string();
const optStr = z
  .string()
  .nullable()
  .optional()
  .transform((v) => v ?? null);
const num = z.coerce.number();
const userRow = z.object({ Id: str, Username: str, IsActive: z.boolean(), ProfileId: optStr });
const seatsRow = z.object({ Id: str, TotalLicenses: num, UsedLicenses: num });
interface ProfileRow {
  Id: string;
  Name: string;
  UserLicenseId: string | null;
  UserLicense: { Name: string; TotalLicenses: number; UsedLicenses: number } | null;
}
const licenceOfProfile = z
  .object({ Name: str, TotalLicenses: num, UsedLicenses: num })
  .nullable()
  .optional()
  .transform((v) => v ?? null);
const profileOfSet = z
  .object({ Name: str, UserLicenseId: optStr, UserLicense: licenceOfProfile })
  .nullable()
  .optional()
  .transform((v) => v ?? null);
const permissionSetRow = z.object({
  Id: str,
  Name: str,
  Label: str,
  Description: optStr,
  IsOwnedByProfile: z
    .boolean()
    .nullable()
    .optional()
    .transform((v) => v === true),
  ProfileId: optStr,
  Profile: profileOfSet,
});
const adminRightFields = [...Object.keys(ADMIN_RIGHTS), 'PermissionsModifyAllData'].map((perm) => `PermissionSet.${perm}`);
const assignmentRow = z.object({ PermissionSet: z.record(z.string(), z.unknown()).nullable().optional() });

/** Rights add up over every assignment; Modify All Data carries them all. */
function missingRights(sets: (Record<string, unknown> | null | undefined)[]): string[] {
  const granted = (perm: string) => sets.some((set) => set?.[perm] === true);
  if (granted('PermissionsModifyAllData')) return [];
  return Object.entries(ADMIN_RIGHTS)
    .filter(([perm]) => !granted(perm))
    .map(([, label]) => label);
}

/** The admin rights pre-flight checks, read again now for `userId` (the key leaves only for an admin). */
export async function adminRightsMissingOf(client: OrgClient, userId: string): Promise<string[]> {
  const rows = await client.query(
    `SELECT ${adminRightFields.join(', ')} FROM PermissionSetAssignment WHERE AssigneeId = ${soqlQuote(userId)}`,
  );
  return missingRights(rows.map((r) => assignmentRow.parse(r).PermissionSet));
}
const appRow = z.object({ Id: str, DeveloperName: str, Description: optStr, CreatedDate: optStr });
const adminRow = z.object({ Id: str, Email: optStr, ProfileId: optStr, EmailEncodingKey: optStr });
const organizationRow = z.object({
  Id: str,
  IsSandbox: z.boolean(),
  OrganizationType: optStr,
  InstanceName: optStr,
  TimeZoneSidKey: optStr,
  DefaultLocaleSidKey: optStr,
  LanguageLocaleKey: optStr,
});

/** Salesforce's own defaults for a new org, for a field the org does not answer with. */
function userDefaultsOf(organization: z.infer<typeof organizationRow>, admin: z.infer<typeof adminRow>): UserDefaults {
  return {
    timeZone: organization.TimeZoneSidKey ?? 'America/Los_Angeles',
    locale: organization.DefaultLocaleSidKey ?? 'en_US',
    language: organization.LanguageLocaleKey ?? 'en_US',
    emailEncoding: admin.EmailEncodingKey ?? 'UTF-8',
  };
}

const describeRef = (object: string) => `describe_${object}`;
const OBJECT_PERMISSIONS_REF = 'objectPermissionTypes';
const FIELD_PERMISSIONS_REF = 'fieldPermissionFields';

/** The look-ups of one discovery: describes, the admin, the org, and our artifacts by name, in one Composite. */
function discoveryRequests(objects: string[], names: ArtifactNames, who: { userId: string; orgId: string }): CompositeSubrequest[] {
  return [
    ...objects.map((o) => ({ referenceId: describeRef(o), method: 'GET' as const, url: `/sobjects/${o}/describe` })),
    { referenceId: 'admin', method: 'GET', url: `/sobjects/User/${who.userId}?fields=Id,Email,ProfileId,EmailEncodingKey` },
    // A record read, not a query: the five queries below are the Composite's maximum.
    {
      referenceId: 'organization',
      method: 'GET',
      url: `/sobjects/Organization/${who.orgId}?fields=Id,IsSandbox,OrganizationType,InstanceName,TimeZoneSidKey,DefaultLocaleSidKey,LanguageLocaleKey`,
    },
    { referenceId: 'global', method: 'GET', url: '/sobjects' },
    // Not queries, so they fit beside the five below: what accepts ObjectPermissions (activities don't) and FieldPermissions.
    { referenceId: OBJECT_PERMISSIONS_REF, method: 'GET', url: '/sobjects/ObjectPermissions/describe' },
    { referenceId: FIELD_PERMISSIONS_REF, method: 'GET', url: '/sobjects/FieldPermissions/describe' },
    userDescribeRequest,
    // Every profile owns a permission set, so ours and the profiles (with their licence's seats) come in one query: the look-ups fit one Composite (≤ 5 queries).
    q(
      'permissionSets',
      `SELECT Id, Name, Label, Description, IsOwnedByProfile, ProfileId, Profile.Name, Profile.UserLicenseId, Profile.UserLicense.Name, Profile.UserLicense.TotalLicenses, Profile.UserLicense.UsedLicenses FROM PermissionSet WHERE Name = ${soqlQuote(names.permissionSetApiName)} OR IsOwnedByProfile = true OR ${microsoftFilters.permissionSet}`,
    ),
    // Fact ADMIN-RIGHTS-SOURCES: the admin's assignments cover the profile's own set, permission sets and groups.
    q('adminRights', `SELECT ${adminRightFields.join(', ')} FROM PermissionSetAssignment WHERE AssigneeId = ${soqlQuote(who.userId)}`),
    q('psl', `SELECT Id, TotalLicenses, UsedLicenses FROM PermissionSetLicense WHERE DeveloperName = ${soqlQuote(API_INTEGRATION_PSL)}`),
    q(
      'users',
      `SELECT Id, Username, IsActive, ProfileId FROM User WHERE (FirstName = ${soqlQuote(names.userFirstName)} AND LastName = ${soqlQuote(names.userLastName)}) OR ${microsoftFilters.user}`,
    ),
    q(
      'app',
      `SELECT Id, DeveloperName, MasterLabel, Description, CreatedDate FROM ExternalClientApplication WHERE DeveloperName = ${soqlQuote(names.appApiName)} OR ${microsoftFilters.app}`,
    ),
  ];
}

/**
 * One pass over the org: the licence, profile, seats, name collisions, leftovers of earlier runs,
 * the admin's rights and the describe of every profile object, all in shared Composite requests.
 */
export async function discover(
  client: OrgClient,
  names: ArtifactNames,
  who: { userId: string; orgId: string },
  profile: AccessProfile,
): Promise<OrgSnapshot> {
  const objects = profile.objects.map((o) => o.object);
  const requests = discoveryRequests(objects, names, who);
  return snapshotOf(await client.composite(requests), objects, names);
}

/** The snapshot from the Composite's answers. */
function snapshotOf(results: Map<string, SubResult>, objects: string[], names: ArtifactNames): OrgSnapshot {
  const describes = new Map<string, SObjectDescribe>();
  for (const object of objects) {
    const result = results.get(describeRef(object));
    const parsed = result?.ok ? sobjectDescribeSchema.safeParse(result.body) : undefined;
    // One the org could not describe is missing from the map: resolveAccess names it.
    if (parsed?.success) describes.set(parsed.data.name.toLowerCase(), parsed.data);
  }

  const admin = adminRow.parse(body(results.get('admin')));
  const organization = organizationRow.parse(body(results.get('organization')));
  const permissionSets = queryRows(results.get('permissionSets')).map((r) => permissionSetRow.parse(r));
  const profiles = permissionSets.flatMap((ps) =>
    ps.IsOwnedByProfile && ps.ProfileId && ps.Profile ? [{ Id: ps.ProfileId, ...ps.Profile }] : [],
  );
  const adminRightsMissing = missingRights(queryRows(results.get('adminRights')).map((r) => assignmentRow.parse(r).PermissionSet));

  // Found by licence, not only by name: older orgs name the integration profile differently (fact INTEGRATION-USER-LICENCE).
  // Microsoft's own integration profile is never ours to use (fact MICROSOFT-SALES-AGENT-CONNECTION).
  const licensed = profiles.filter((p) => p.UserLicense?.Name === INTEGRATION_LICENCE && p.Name !== MICROSOFT_PROFILE);
  const integrationProfile = licensed.find((p) => p.Name === INTEGRATION_PROFILE) ?? licensed[0];
  const licence = integrationProfile ? seatsOf(integrationProfile) : null;
  const psl = first(results.get('psl'), seatsRow);
  const permissionSet = permissionSets.find((ps) => !ps.IsOwnedByProfile && ps.Name === names.permissionSetApiName) ?? null;
  const userRows = queryRows(results.get('users'));
  const users = userRows
    .map((r) => userRow.parse(r))
    .filter((u) => isOurUsername(u.Username))
    .map((u) => ({ id: u.Id, username: u.Username, active: u.IsActive, profileId: u.ProfileId }));
  const appResult = results.get('app');
  const appRows = appResult && !appResult.ok && isUnavailable(appResult.error) ? null : queryRows(appResult);
  const app =
    appRows === null ? 'unavailable' : (appRows.map((r) => appRow.parse(r)).find((a) => a.DeveloperName === names.appApiName) ?? null);

  return {
    org: {
      id: organization.Id,
      isSandbox: organization.IsSandbox,
      organizationType: organization.OrganizationType,
      instanceName: organization.InstanceName,
    },
    adminEmail: admin.Email ?? '',
    userDefaults: userDefaultsOf(organization, admin),
    adminRightsMissing,
    integrationLicence: licence,
    apiPsl: psl ? { id: psl.Id, total: psl.TotalLicenses, used: psl.UsedLicenses } : null,
    integrationProfile: integrationProfile ? { id: integrationProfile.Id, name: integrationProfile.Name } : null,
    permissionSet: permissionSet
      ? { id: permissionSet.Id, name: permissionSet.Name, label: permissionSet.Label, description: permissionSet.Description }
      : null,
    users,
    app:
      app === 'unavailable'
        ? app
        : app
          ? { id: app.Id, developerName: app.DeveloperName, description: app.Description, createdDate: app.CreatedDate }
          : null,
    describes,
    objectPermissionTypes: objectPermissionTypesOf(sobjectDescribeSchema.parse(body(results.get(OBJECT_PERMISSIONS_REF)))),
    fieldPermissionFields: fieldPermissionFieldsOf(sobjectDescribeSchema.parse(body(results.get(FIELD_PERMISSIONS_REF)))),
    outsideObject: outsideObject(results.get('global'), objects),
    userFields: userFieldsOf(results.get(USER_DESCRIBE_REF)),
    coexisting: coexistingConnection({ permissionSets: queryRows(results.get('permissionSets')), users: userRows, apps: appRows ?? [] }),
  };
}

/** The seats of the profile's user licence (an org with the licence but no profile using it can't create the user either). */
function seatsOf(profile: ProfileRow): Seats | null {
  const licence = profile.UserLicense;
  return licence && profile.UserLicenseId ? { id: profile.UserLicenseId, total: licence.TotalLicenses, used: licence.UsedLicenses } : null;
}

function q(referenceId: string, soql: string): CompositeSubrequest {
  return { referenceId, method: 'GET', url: queryUrl(soql) };
}

function body(result: SubResult | undefined): unknown {
  if (!result) throw new SalesforceError('UNKNOWN', 'Salesforce did not answer a look-up.');
  if (!result.ok) throw result.error;
  return result.body;
}

function first<T>(result: SubResult | undefined, schema: z.ZodType<T>): T | null {
  const rows = queryRows(result);
  return rows.length > 0 ? schema.parse(rows[0]) : null;
}

function isUnavailable(error: SalesforceError): boolean {
  return error.code === 'INVALID_TYPE' || error.code === 'NOT_FOUND';
}
