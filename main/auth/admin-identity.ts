import type { Connection } from 'jsforce';
import { z } from 'zod';
import type { AdminPermissionCheck, Environment, Identity } from '../../common';
import { AppFailure } from '../../common/app-error-schema';
import { salesforceAppError, SalesforceError, toSalesforceError } from '../salesforce/errors';
import type { TokenSet } from './tokens';

export const ADMIN_API_VERSION = '66.0';

/** The rights the connection's setup needs, by the label an admin finds in Setup. */
export const adminRightLabels = {
  customizeApplication: 'Customize Application',
  manageUsers: 'Manage Users',
  assignPermissionSets: 'Assign Permission Sets',
  modifyMetadata: 'Modify Metadata or Modify All Data',
  externalClientApps: 'Manage External Client Apps',
} as const;

const permissionFlags = [
  'PermissionsCustomizeApplication',
  'PermissionsManageUsers',
  'PermissionsAssignPermissionSets',
  'PermissionsModifyMetadata',
  'PermissionsModifyAllData',
] as const;
type PermissionFlag = (typeof permissionFlags)[number];

const organizationRows = z.array(z.object({ Id: z.string(), Name: z.string() })).min(1);
const flagsSchema = z.object(Object.fromEntries(permissionFlags.map((f) => [f, z.boolean().nullish()])));
const userRows = z.array(z.object({ Name: z.string(), Username: z.string(), Profile: flagsSchema.nullish() })).min(1);
const assignmentRows = z.array(z.object({ PermissionSet: flagsSchema.nullish() }));
const compositeSchema = z.object({
  compositeResponse: z.array(z.object({ referenceId: z.string(), httpStatusCode: z.number(), body: z.unknown() })),
});
const queryBody = z.object({ records: z.array(z.unknown()) });
const restErrors = z.array(z.object({ errorCode: z.string(), message: z.string() })).min(1);

export interface AdminFacts {
  identity: Identity;
  permissions: AdminPermissionCheck;
}

/** Who signed in, to which org, and whether they may set up the connection: one Composite call plus one listMetadata. */
export async function loadAdminFacts(
  conn: Connection,
  who: Pick<TokenSet, 'userId' | 'instanceUrl'>,
  environment: Environment,
): Promise<AdminFacts> {
  try {
    const [rows, canManageEcas] = await Promise.all([queryFacts(conn, who.userId), canManageExternalClientApps(conn)]);
    const org = organizationRows.parse(rows.organization)[0];
    const user = userRows.parse(rows.user)[0];
    if (!org || !user) throw new SalesforceError('INVALID_RESPONSE', 'Organization or User missing');
    const identity: Identity = {
      orgId: org.Id,
      orgName: org.Name,
      userId: who.userId,
      userName: user.Name,
      username: user.Username,
      instanceUrl: who.instanceUrl,
      environment,
    };
    const flagSets = [user.Profile, ...assignmentRows.parse(rows.assignments).map((row) => row.PermissionSet)];
    return { identity, permissions: permissionCheck(grantedFlags(flagSets), canManageEcas) };
  } catch (thrown) {
    if (thrown instanceof AppFailure) throw thrown;
    throw new AppFailure(salesforceAppError(thrown, 'reading your org and user'));
  }
}

type FactRows = Record<'organization' | 'user' | 'assignments', unknown[]>;

async function queryFacts(conn: Connection, userId: string): Promise<FactRows> {
  const query = (referenceId: keyof FactRows, soql: string) => ({
    method: 'GET',
    referenceId,
    url: `/services/data/v${ADMIN_API_VERSION}/query?q=${encodeURIComponent(soql)}`,
  });
  const response = compositeSchema.parse(
    await conn.request({
      method: 'POST',
      url: '/composite',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        allOrNone: false,
        compositeRequest: [
          query('organization', 'SELECT Id, Name FROM Organization'),
          query('user', `SELECT Name, Username, ${flagFields('Profile')} FROM User WHERE Id = '${userId}'`),
          query('assignments', `SELECT ${flagFields('PermissionSet')} FROM PermissionSetAssignment WHERE AssigneeId = '${userId}'`),
        ],
      }),
    }),
  );
  const rows = (referenceId: keyof FactRows): unknown[] => {
    const sub = response.compositeResponse.find((r) => r.referenceId === referenceId);
    if (sub && sub.httpStatusCode < 300) return queryBody.parse(sub.body).records;
    const error = restErrors.safeParse(sub?.body).data?.[0];
    throw error ? new SalesforceError(error.errorCode, error.message) : new SalesforceError('INVALID_RESPONSE', referenceId);
  };
  return { organization: rows('organization'), user: rows('user'), assignments: rows('assignments') };
}

const flagFields = (relationship: string) => permissionFlags.map((f) => `${relationship}.${f}`).join(', ');

/**
 * Rights add up across the profile and every assigned permission set. Salesforce also lists the
 * profile's own permission set among the assignments; reading the profile too keeps the check right
 * where that row is missing.
 */
function grantedFlags(flagSets: (z.infer<typeof flagsSchema> | null | undefined)[]): Set<PermissionFlag> {
  const granted = new Set<PermissionFlag>();
  for (const flags of flagSets) for (const flag of permissionFlags) if (flags?.[flag] === true) granted.add(flag);
  return granted;
}

function permissionCheck(granted: Set<PermissionFlag>, canManageEcas: boolean): AdminPermissionCheck {
  const missing: string[] = [];
  if (!granted.has('PermissionsCustomizeApplication')) missing.push(adminRightLabels.customizeApplication);
  if (!granted.has('PermissionsManageUsers')) missing.push(adminRightLabels.manageUsers);
  if (!granted.has('PermissionsAssignPermissionSets')) missing.push(adminRightLabels.assignPermissionSets);
  if (!granted.has('PermissionsModifyMetadata') && !granted.has('PermissionsModifyAllData')) missing.push(adminRightLabels.modifyMetadata);
  if (!canManageEcas) missing.push(adminRightLabels.externalClientApps);
  return { ok: missing.length === 0, missing };
}

/**
 * There is no single permission field for External Client App management across editions, so ask
 * the Metadata API itself: a refusal or fault means the admin cannot manage them here.
 */
async function canManageExternalClientApps(conn: Connection): Promise<boolean> {
  try {
    await conn.metadata.list({ type: 'ExternalClientApplication' }, ADMIN_API_VERSION);
    return true;
  } catch (thrown) {
    if (toSalesforceError(thrown).code === 'NETWORK_ERROR') throw thrown;
    return false;
  }
}
