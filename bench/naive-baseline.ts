/**
 * The naive baseline: the same connection, set up and taken down the way straightforward jsforce
 * code would do it. One request per look-up, one POST per ObjectPermissions / FieldPermissions
 * record, one Metadata call per component, one query per verified object; no Composite, no sObject
 * Collections. It writes exactly what the app writes (the bench asserts the end states match), so
 * only the way of talking to Salesforce differs.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import jsforce, { type Connection } from 'jsforce';
import { z } from 'zod';
import type { AccessProfile, Grant } from '../common';
import { resolveAccess } from '../main/agent/grants';
import { createAgentKeyPair } from '../main/agent/keys';
import { jwtAudienceOf } from '../main/agent/audience';
import { requestAgentToken } from '../main/agent/token';
import { objectPermissionTypesOf } from '../main/salesforce/schemas';
import { globalOauthSettings } from '../main/connection/steps/external-client-app';
import { artifactNames, integrationUsername, ownedDescription, type ArtifactNames } from '../main/connection/org/names';
import { API_VERSION } from '../main/salesforce/client';
import { describeGlobalSchema, sobjectDescribeSchema, type SObjectDescribe } from '../main/salesforce/schemas';
import { firstError, mdApi, type MdSaveResult } from '../packages/salesforce-emulator/index';

export interface NaiveAdmin {
  connection: Connection;
  loginUrl: string;
  instanceUrl: string;
  orgId: string;
  userId: string;
}

export interface NaiveBaseline {
  /** Resolves with the time spent getting the agent's first token (the activation). */
  enable(): Promise<{ activationMs: number }>;
  disable(): Promise<void>;
}

const idRow = z.object({ Id: z.string() });
const adminRow = z.object({ Email: z.string(), ProfileId: z.string() });
const createdRow = z.object({ id: z.string(), success: z.literal(true) });
const consumerKeyRow = z.object({ consumerKey: z.string() });

interface Created {
  permissionSetId: string;
  userId: string;
  licenceAssignId: string;
  assignmentId: string;
}

const FIELDS_PER_QUERY = 200;
const ACTIVATION_ATTEMPTS = 30;
const ACTIVATION_WAIT_MS = 1_000;
/** Business objects the agent must not read: the first the org has is checked, as the app does. */
const OUTSIDE_CANDIDATES = ['Case', 'Contract', 'Campaign', 'Order', 'Quote', 'Asset'];

export function createNaiveBaseline(admin: NaiveAdmin, profile: AccessProfile, agentName: string): NaiveBaseline {
  const conn = admin.connection;
  // Marked like the app's: this run is a connection of its own, made by an install of its own.
  const plainNames = artifactNames(agentName);
  const names = { ...plainNames, description: ownedDescription(plainNames, { connectionId: randomUUID(), installId: randomUUID() }) };
  let created: Created | null = null;

  const firstId = async (soql: string): Promise<string | null> => {
    const rows = (await conn.query(soql)).records;
    return rows.length > 0 ? idRow.parse(rows[0]).Id : null;
  };
  const create = async (type: string, record: Record<string, unknown>): Promise<string> =>
    createdRow.parse(await conn.sobject(type).create(record)).id;

  async function enable(): Promise<{ activationMs: number }> {
    // Pre-flight: every look-up its own request.
    const adminUser = adminRow.parse(await conn.sobject('User').retrieve(admin.userId));
    const adminEmail = adminUser.Email;
    // The agent's JWT audience follows the org's type (fact JWT-AUDIENCE).
    const [org] = (await conn.query('SELECT IsSandbox FROM Organization')).records;
    const audience = jwtAudienceOf(org?.IsSandbox === true);
    await conn.query(
      `SELECT Id, PermissionsCustomizeApplication, PermissionsManageUsers, PermissionsModifyAllData FROM Profile WHERE Id = '${adminUser.ProfileId}'`,
    );
    const licenceId = await required(firstId("SELECT Id FROM UserLicense WHERE Name = 'Salesforce Integration'"), 'integration licence');
    const profileId = await required(firstId(`SELECT Id FROM Profile WHERE UserLicenseId = '${licenceId}'`), 'integration profile');
    const pslId = await required(
      firstId("SELECT Id FROM PermissionSetLicense WHERE DeveloperName = 'SalesforceAPIIntegrationPsl'"),
      'API integration licence',
    );
    await nothing(firstId(`SELECT Id FROM PermissionSet WHERE Name = '${names.permissionSetApiName}'`), 'permission set');
    await nothing(
      firstId(`SELECT Id FROM User WHERE FirstName = '${names.userFirstName}' AND LastName = '${names.userLastName}'`),
      'integration user',
    );
    await nothing(firstId(`SELECT Id FROM ExternalClientApplication WHERE DeveloperName = '${names.appApiName}'`), 'external client app');
    const global = describeGlobalSchema.parse(await conn.describeGlobal());
    const describes = new Map<string, SObjectDescribe>();
    for (const access of profile.objects) {
      const described = sobjectDescribeSchema.parse(await conn.sobject(access.object).describe());
      describes.set(described.name.toLowerCase(), described);
    }
    const objectPermissions = objectPermissionTypesOf(sobjectDescribeSchema.parse(await conn.sobject('ObjectPermissions').describe()));
    // A naive client trusts each describe's `permissionable` (an empty FieldPermissions picklist means just that).
    const { grants } = resolveAccess(profile, describes, { objectPermissionTypes: objectPermissions, fieldPermissionFields: new Set() });

    // The permission set and its grants, one record per request.
    const permissionSetId = await create('PermissionSet', {
      Name: names.permissionSetApiName,
      Label: names.permissionSetLabel,
      Description: names.description,
      LicenseId: null,
      HasActivationRequired: false,
    });
    for (const grant of grants) {
      if (grant.field === null && grant.throughParentRecords !== true) {
        await create('ObjectPermissions', {
          ParentId: permissionSetId,
          SobjectType: grant.object,
          PermissionsRead: true,
          PermissionsEdit: grant.edit,
          PermissionsViewAllRecords: grant.viewAllRecords,
          PermissionsCreate: false,
          PermissionsDelete: false,
          PermissionsModifyAllRecords: false,
        });
      } else if (grant.viaFieldPermission) {
        await create('FieldPermissions', {
          ParentId: permissionSetId,
          SobjectType: grant.object,
          Field: `${grant.object}.${grant.field}`,
          PermissionsRead: true,
          PermissionsEdit: grant.edit,
        });
      }
    }

    const username = integrationUsername(agentName, admin.orgId, randomBytes(3).toString('hex'));
    const userId = await create('User', {
      Username: username,
      FirstName: names.userFirstName,
      LastName: names.userLastName,
      Email: adminEmail,
      Alias: `agt${randomBytes(2).toString('hex')}`,
      CommunityNickname: username.split('@')[0]?.slice(0, 40),
      ProfileId: profileId,
      TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
      LanguageLocaleKey: 'en_US',
    });
    const licenceAssignId = await create('PermissionSetLicenseAssign', { AssigneeId: userId, PermissionSetLicenseId: pslId });
    const assignmentId = await create('PermissionSetAssignment', { AssigneeId: userId, PermissionSetId: permissionSetId });
    created = { permissionSetId, userId, licenceAssignId, assignmentId };

    const keys = await createAgentKeyPair(names.appLabel, new Date());
    const consumerKey = await createApp(conn, names, adminEmail, keys.certificatePem);

    const activationStarted = performance.now();
    const token = await firstAgentToken({
      instanceUrl: admin.instanceUrl,
      audience,
      consumerKey,
      username,
      privateKeyPem: keys.privateKeyPem,
    });
    const activationMs = performance.now() - activationStarted;

    // Verify as the agent: a query per granted object (and per 200 fields), then one that must be refused.
    const agent = new jsforce.Connection({ instanceUrl: token.instanceUrl, accessToken: token.accessToken, version: API_VERSION });
    for (const soql of verificationQueries(grants)) await agent.query(soql);
    const outside = outsideObject(global.sobjects, profile);
    const refused =
      outside === null ||
      (await agent.query(`SELECT Id FROM ${outside} LIMIT 1`).then(
        () => false,
        () => true,
      ));
    if (!refused) throw new Error(`naive baseline: the agent could read ${outside ?? ''}`);
    return { activationMs };
  }

  async function disable(): Promise<void> {
    if (!created) throw new Error('naive baseline: disable before enable');
    const md = mdApi(conn);
    for (const [type, name] of [
      ['ExtlClntAppOauthConfigurablePolicies', `${names.oauthSettingsName}_defaultPolicy`],
      ['ExtlClntAppConfigurablePolicies', `${names.appApiName}_defaultPolicy`],
      ['ExtlClntAppGlobalOauthSettings', names.globalOauthSettingsName],
      ['ExtlClntAppOauthSettings', names.oauthSettingsName],
      ['ExternalClientApplication', names.appApiName],
    ] as const) {
      await md.delete(type, name);
    }
    await conn.sobject('PermissionSetAssignment').destroy(created.assignmentId);
    await conn.sobject('PermissionSetLicenseAssign').destroy(created.licenceAssignId);
    await conn.sobject('User').update({ Id: created.userId, IsActive: false });
    await conn.sobject('PermissionSet').destroy(created.permissionSetId);
    created = null;
  }

  return { enable, disable };
}

/** The External Client App, one Metadata call per component, then its consumer key read back. */
async function createApp(conn: Connection, names: ArtifactNames, contactEmail: string, certificate: string): Promise<string> {
  const md = mdApi(conn);
  const app = names.appApiName;
  const saved = (result: MdSaveResult) => {
    if (!result.success) throw new Error(`naive baseline: ${firstError(result)?.message ?? 'metadata not saved'}`);
  };
  saved(
    await md.create('ExternalClientApplication', {
      fullName: app,
      contactEmail,
      description: names.description,
      distributionState: 'Local',
      isProtected: false,
      label: names.appLabel,
    }),
  );
  saved(
    await md.create('ExtlClntAppOauthSettings', {
      fullName: names.oauthSettingsName,
      commaSeparatedOauthScopes: 'Api',
      externalClientApplication: app,
      label: names.appLabel,
    }),
  );
  saved(
    // The same record the app writes: the comparison of end states stays about requests, not settings.
    await md.create('ExtlClntAppGlobalOauthSettings', globalOauthSettings(names, certificate)),
  );
  saved(
    await md.update('ExtlClntAppConfigurablePolicies', {
      fullName: `${app}_defaultPolicy`,
      externalClientApplication: app,
      isEnabled: true,
      isOauthPluginEnabled: true,
      label: names.appLabel,
    }),
  );
  saved(
    await md.update('ExtlClntAppOauthConfigurablePolicies', {
      fullName: `${names.oauthSettingsName}_defaultPolicy`,
      commaSeparatedPermissionSet: names.permissionSetApiName,
      externalClientApplication: app,
      ipRelaxationPolicyType: 'Enforce',
      isClientCredentialsFlowEnabled: false,
      label: names.appLabel,
      permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
      requiredSessionLevel: 'STANDARD',
    }),
  );
  return consumerKeyRow.parse(await md.read('ExtlClntAppGlobalOauthSettings', names.globalOauthSettingsName)).consumerKey;
}

/** Tries the JWT bearer grant until the new app accepts it (activation). */
async function firstAgentToken(
  request: Omit<Parameters<typeof requestAgentToken>[0], 'now'>,
): Promise<{ accessToken: string; instanceUrl: string }> {
  for (let attempt = 1; attempt <= ACTIVATION_ATTEMPTS; attempt++) {
    const result = await requestAgentToken({ ...request, now: new Date() });
    if (result.ok) return result;
    await new Promise((resolve) => setTimeout(resolve, ACTIVATION_WAIT_MS));
  }
  throw new Error('naive baseline: the app never accepted the agent');
}

/**
 * One record of each granted object with its granted fields. A GET carries the SOQL in its URL, and
 * URLs have a length limit (the emulator, like any web server, answers 431 past 16 KB), so long
 * field lists are read in slices, as anyone who hit that limit would.
 */
function verificationQueries(grants: readonly Grant[]): string[] {
  const fieldsByObject = new Map<string, string[]>();
  for (const grant of grants) {
    const fields = fieldsByObject.get(grant.object) ?? [];
    if (grant.field !== null) fields.push(grant.field);
    fieldsByObject.set(grant.object, fields);
  }
  return [...fieldsByObject].flatMap(([object, fields]) => {
    const slices: string[][] = [];
    for (let i = 0; i < Math.max(fields.length, 1); i += FIELDS_PER_QUERY) slices.push(fields.slice(i, i + FIELDS_PER_QUERY));
    return slices.map((slice) => `SELECT ${['Id', ...slice].join(', ')} FROM ${object} LIMIT 1`);
  });
}

function outsideObject(objects: { name: string; queryable: boolean; custom: boolean }[], profile: AccessProfile): string | null {
  const inProfile = new Set(profile.objects.map((o) => o.object.toLowerCase()));
  const candidates = objects.filter((o) => o.queryable && !inProfile.has(o.name.toLowerCase()));
  return OUTSIDE_CANDIDATES.find((name) => candidates.some((o) => o.name === name)) ?? candidates.find((o) => o.custom)?.name ?? null;
}

async function required(found: Promise<string | null>, what: string): Promise<string> {
  const id = await found;
  if (!id) throw new Error(`naive baseline: the org has no ${what}`);
  return id;
}

async function nothing(found: Promise<string | null>, what: string): Promise<void> {
  if (await found) throw new Error(`naive baseline: a ${what} of that name exists already`);
}
