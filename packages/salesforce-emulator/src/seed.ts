/** The "Contoso (demo)" org: licences, profiles, users, permissions and (demo seed only) sample records. */
import { SYSTEM_PERMISSIONS, type SystemPermission } from './catalog';
import { newConsumerKey, newConsumerSecret, newId } from './ids';
import type { Org, SharingModel } from './org';
import { firstFreeUsername, reserveUsername } from './registry';
import { acceptsObjectPermissions } from './security';
import type { SRecord, Value } from './store';

export const ADMIN_PASSWORD = 'Contoso-Admin-2026!';
export const NON_ADMIN_PASSWORD = 'Contoso-User-2026!';
export const INTEGRATION_PROFILE = 'Minimum Access - API Only Integrations';
export const INTEGRATION_LICENSE = 'Salesforce Integration';
export const INTEGRATION_PSL = 'SalesforceAPIIntegrationPsl';

/** Inserts a record with the audit fields every record carries. */
export function seedRecord(org: Org, objectName: string, values: Record<string, Value>, ownerId?: string): SRecord {
  const def = org.store.object(objectName);
  if (!def) throw new Error(`unknown object ${objectName}`);
  const now = org.nowIso();
  const actor = ownerId ?? org.seedUsers?.adminId ?? null;
  const rec: SRecord = {};
  for (const f of def.fields) rec[f.name] = f.type === 'boolean' ? false : null;
  Object.assign(rec, {
    Id: newId(def.keyPrefix),
    CreatedDate: now,
    LastModifiedDate: now,
    SystemModstamp: now,
    CreatedById: actor,
    LastModifiedById: actor,
  });
  if ('OwnerId' in rec) rec.OwnerId = actor;
  Object.assign(rec, values);
  org.store.put(def.name, rec);
  return rec;
}

function perms(granted: SystemPermission[]): Record<string, boolean> {
  return Object.fromEntries(SYSTEM_PERMISSIONS.map((p) => [p, granted.includes(p)]));
}

/**
 * An admin holds every system permission but API Only, which would keep them out of Setup's pages,
 * and "Use Any API Client", which nobody holds until it is assigned (fact UNINSTALLED-APP-ACCESS).
 */
const ADMIN_PERMS: SystemPermission[] = SYSTEM_PERMISSIONS.filter(
  (p) => p !== 'PermissionsApiUserOnly' && p !== 'PermissionsUseAnyApiClient',
);
/** A cloned System Administrator profile: no "Approve Uninstalled Connected Apps" (fact UNINSTALLED-APP-ACCESS). */
export const CLONED_ADMIN_PERMS: SystemPermission[] = ADMIN_PERMS.filter((p) => p !== 'PermissionsApproveUninstalledConnectedApps');

export interface ProfileSpec {
  name: string;
  license: string;
  userType: string;
  perms: SystemPermission[];
}

const PROFILES: ProfileSpec[] = [
  { name: 'System Administrator', license: 'Salesforce', userType: 'Standard', perms: ADMIN_PERMS },
  { name: 'Standard User', license: 'Salesforce', userType: 'Standard', perms: ['PermissionsApiEnabled'] },
  { name: 'Minimum Access - Salesforce', license: 'Salesforce', userType: 'Standard', perms: ['PermissionsApiEnabled'] },
  // Fact INTEGRATION-USER-LICENCE: the integration profile is API-only and grants no data access by itself.
  {
    name: INTEGRATION_PROFILE,
    license: INTEGRATION_LICENSE,
    userType: 'Standard',
    perms: ['PermissionsApiEnabled', 'PermissionsApiUserOnly'],
  },
];

function profilesOf(org: Org): ProfileSpec[] {
  if (!org.config.adminUsesAnyApiClient) return PROFILES;
  return PROFILES.map((p) => (p.name === 'System Administrator' ? { ...p, perms: [...p.perms, 'PermissionsUseAnyApiClient'] } : p));
}

export function seedOrg(org: Org): void {
  // Fact ORG-TYPE: a sandbox keeps its production org's edition; its instance name ends in S.
  const sandbox = org.switches.orgType === 'sandbox';
  seedRecord(org, 'Organization', {
    Id: org.orgId,
    Name: 'Contoso (demo)',
    OrganizationType: 'Enterprise Edition',
    IsSandbox: sandbox,
    InstanceName: sandbox ? 'EMU1S' : 'EMU1',
    TrialExpirationDate: null,
    IsReadOnly: false,
    LanguageLocaleKey: 'en_US',
    DefaultLocaleSidKey: 'en_US',
    TimeZoneSidKey: 'America/Los_Angeles',
    // Fact OWD-SOURCES: Account Private (so Contact, Controlled by Parent, follows it) and Opportunity Public Read Only.
    DefaultAccountAccess: 'None',
    DefaultContactAccess: 'ControlledByParent',
    DefaultOpportunityAccess: 'Read',
    DefaultLeadAccess: 'ReadEditTransfer',
    DefaultCaseAccess: 'ReadEditTransfer',
    DefaultCalendarAccess: 'HideDetailsInsert',
    DefaultPricebookAccess: 'ReadSelect',
    DefaultCampaignAccess: 'All',
    NamespacePrefix: null,
  });
  const licenses = seedLicenses(org);
  const profiles = new Map<string, string>();
  for (const p of profilesOf(org)) profiles.set(p.name, seedProfile(org, p, licenses.get(p.license) ?? ''));
  seedUsers(org, profiles);
  seedStandardUserAccess(org, profiles.get('Standard User') ?? '');
  seedMetadata(org);
  seedSharing(org);
  if (org.config.seed === 'demo') seedSampleData(org);
  org.refreshDerived();
}

/** Organization's picklist values for the internal sharing models (fact OWD-SOURCES). */
const ORGANIZATION_VALUES: Record<SharingModel, string> = {
  Private: 'None',
  Read: 'Read',
  ReadWrite: 'Edit',
  ControlledByParent: 'ControlledByParent',
};

/** The configured org-wide defaults: standard objects on Organization, custom objects as EntityDefinition rows. */
function seedSharing(org: Org): void {
  const organization = org.store.get('Organization', org.orgId);
  const custom: Record<string, SharingModel> = { Competitor__c: 'ReadWrite' };
  for (const [name, model] of Object.entries(org.config.sharing)) {
    if (!model) continue;
    if (name.endsWith('__c')) custom[name] = model;
    else if (organization) organization[`Default${name}Access`] = ORGANIZATION_VALUES[model];
  }
  for (const [name, model] of Object.entries(custom)) {
    seedRecord(org, 'EntityDefinition', {
      QualifiedApiName: name,
      DurableId: name,
      InternalSharingModel: model,
      ExternalSharingModel: 'Private',
    });
  }
}

function seedLicenses(org: Org): Map<string, string> {
  const ids = new Map<string, string>();
  const specs: [string, string, number][] = [
    ['Salesforce', 'SFDC', 10],
    [INTEGRATION_LICENSE, 'SFDC_INTEGRATION', org.switches.integrationSeats],
  ];
  for (const [name, key, total] of specs) {
    const rec = seedRecord(org, 'UserLicense', {
      Name: name,
      MasterLabel: name,
      LicenseDefinitionKey: key,
      TotalLicenses: total,
      UsedLicenses: 0,
      Status: 'Active',
    });
    ids.set(name, String(rec.Id));
  }
  seedRecord(org, 'PermissionSetLicense', {
    DeveloperName: INTEGRATION_PSL,
    MasterLabel: 'Salesforce API Integration',
    TotalLicenses: org.switches.integrationSeats,
    UsedLicenses: 0,
    Status: 'Active',
    ExpirationDate: null,
  });
  return ids;
}

export function seedProfile(org: Org, spec: ProfileSpec, licenseId: string): string {
  const granted = perms(spec.perms);
  const profile = seedRecord(org, 'Profile', {
    Name: spec.name,
    UserLicenseId: licenseId,
    UserType: spec.userType,
    Description: null,
    ...granted,
  });
  const profileId = String(profile.Id);
  // Every profile owns a permission set holding its permissions (IsOwnedByProfile).
  seedRecord(org, 'PermissionSet', {
    Name: `X00e${profileId.slice(3, 15)}`,
    Label: spec.name,
    Description: null,
    LicenseId: null,
    IsOwnedByProfile: true,
    ProfileId: profileId,
    IsCustom: false,
    HasActivationRequired: false,
    NamespacePrefix: null,
    Type: 'Profile',
    ...granted,
  });
  return profileId;
}

function seedUsers(org: Org, profiles: Map<string, string>): void {
  const common = {
    TimeZoneSidKey: 'America/Los_Angeles',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
    IsActive: true,
    UserType: 'Standard',
  };
  const adminUsername = firstFreeUsername('admin@contoso-demo.example');
  const admin = seedRecord(org, 'User', {
    ...common,
    Username: adminUsername,
    FirstName: 'Dana',
    LastName: 'Admin',
    Email: 'dana.admin@contoso.example',
    Alias: 'dadmin',
    CommunityNickname: `dana.admin.${org.orgId.slice(-6)}`,
    ProfileId: profiles.get('System Administrator') ?? null,
    Title: 'Salesforce Administrator',
    CompanyName: 'Contoso',
  });
  org.seedUsers = {
    adminId: String(admin.Id),
    adminUsername,
    adminPassword: ADMIN_PASSWORD,
    nonAdminId: '',
    nonAdminUsername: '',
    nonAdminPassword: NON_ADMIN_PASSWORD,
  };
  admin.CreatedById = admin.Id ?? null;
  admin.LastModifiedById = admin.Id ?? null;
  const nonAdminUsername = firstFreeUsername('sam.seller@contoso-demo.example');
  const nonAdmin = seedRecord(org, 'User', {
    ...common,
    Username: nonAdminUsername,
    FirstName: 'Sam',
    LastName: 'Seller',
    Email: 'sam.seller@contoso.example',
    Alias: 'sseller',
    CommunityNickname: `sam.seller.${org.orgId.slice(-6)}`,
    ProfileId: profiles.get('Standard User') ?? null,
    Title: 'Account Executive',
    CompanyName: 'Contoso',
  });
  org.seedUsers.nonAdminId = String(nonAdmin.Id);
  org.seedUsers.nonAdminUsername = nonAdminUsername;
  for (const u of [admin, nonAdmin]) reserveUsername(String(u.Username), org.orgId);
  org.passwords.set(String(admin.Id), ADMIN_PASSWORD);
  org.passwords.set(String(nonAdmin.Id), NON_ADMIN_PASSWORD);
}

/** Standard User: CRUD on the sales objects, read on products, FLS on all but Account.Region__c, nothing on Competitor__c. */
function seedStandardUserAccess(org: Org, profileId: string): void {
  const ps = org.store.all('PermissionSet').find((p) => p.ProfileId === profileId);
  if (!ps) return;
  const full = {
    PermissionsRead: true,
    PermissionsCreate: true,
    PermissionsEdit: true,
    PermissionsDelete: true,
    PermissionsViewAllRecords: false,
    PermissionsModifyAllRecords: false,
  };
  const readOnly = { ...full, PermissionsCreate: false, PermissionsEdit: false, PermissionsDelete: false };
  const grants: [string, Record<string, boolean>][] = [
    ['Account', full],
    ['Contact', full],
    ['Lead', full],
    ['Opportunity', full],
    ['Product2', readOnly],
    ['Task', full],
    ['Event', full],
  ];
  for (const [objectName, flags] of grants) {
    const def = org.store.object(objectName);
    if (def && acceptsObjectPermissions(org, def))
      seedRecord(org, 'ObjectPermissions', { ParentId: ps.Id ?? null, SobjectType: objectName, ...flags });
    for (const f of def?.fields ?? []) {
      if (!f.permissionable || `${objectName}.${f.name}` === 'Account.Region__c') continue;
      seedRecord(org, 'FieldPermissions', {
        ParentId: ps.Id ?? null,
        SobjectType: objectName,
        Field: `${objectName}.${f.name}`,
        PermissionsRead: true,
        PermissionsEdit: f.updateable && flags.PermissionsEdit === true,
      });
    }
  }
}

function seedMetadata(org: Org): void {
  const now = org.now();
  org.components('ExternalClientAppSettings').set('externalclientapp', {
    type: 'ExternalClientAppSettings',
    fullName: 'ExternalClientApp',
    id: newId('0xS'),
    createdAt: now,
    modifiedAt: now,
    fields: {
      enableClientSecretInRestApiAccess: 'false',
      enableConsumerSecretApiAccess: 'false',
      enableExternalClientApps: 'true',
      enablePackageEcaOauthFromDevOrg: 'false',
    },
  });
  // A legacy connected app, created before Spring '26 blocked new ones (fact CONNECTED-APP-CREATE); ECA names may not collide with it (fact ECA-METADATA-TYPES).
  org.components('ConnectedApp').set('contoso_legacy_sync', {
    type: 'ConnectedApp',
    fullName: 'Contoso_Legacy_Sync',
    id: newId('0H4'),
    createdAt: now,
    modifiedAt: now,
    fields: {
      contactEmail: 'it@contoso.example',
      label: 'Contoso Legacy Sync',
      oauthConfig: {
        callbackUrl: 'https://sync.contoso.example/callback',
        consumerKey: newConsumerKey(),
        consumerSecret: newConsumerSecret(),
        scopes: ['Api', 'RefreshToken'],
      },
    },
  });
}

function seedSampleData(org: Org): void {
  const accounts = [
    ['Northwind Traders', 'Retail', 'Gold', 'EMEA'],
    ['Fabrikam Inc.', 'Manufacturing', 'Silver', 'NA'],
    ['Adventure Works', 'Retail', 'Bronze', 'NA'],
    ['Tailspin Toys', 'Technology', 'Gold', 'APAC'],
    ['Wide World Importers', 'Finance', 'Silver', 'EMEA'],
  ].map(([Name, Industry, Tier, Region], i) =>
    seedRecord(
      org,
      'Account',
      {
        Name: Name ?? '',
        Industry: Industry ?? null,
        Tier__c: Tier ?? null,
        Region__c: Region ?? null,
        Type: 'Customer - Direct',
        AnnualRevenue: 1_000_000 * (i + 2),
        NumberOfEmployees: 120 * (i + 1),
        Phone: `+1 555 010${i}`,
        Website: `https://account${i}.example`,
        BillingCity: ['London', 'Chicago', 'Seattle', 'Sydney', 'Berlin'][i] ?? null,
        Rating: 'Warm',
        Description: `${Name} is a sample account.`,
      },
      i % 2 === 1 ? org.seedUsers?.nonAdminId : undefined,
    ),
  );
  const people = ['Ava Reed', 'Liam Chen', 'Mia Patel', 'Noah Kim', 'Emma Rossi', 'Lucas Novak', 'Zoe Martin', 'Omar Haddad'];
  const contacts = people.map((full, i) => {
    const [first, last] = full.split(' ');
    return seedRecord(org, 'Contact', {
      FirstName: first ?? '',
      LastName: last ?? '',
      AccountId: accounts[i % accounts.length]?.Id ?? null,
      Email: `${(first ?? '').toLowerCase()}@customer${i}.example`,
      Phone: `+1 555 020${i}`,
      MobilePhone: `+1 555 030${i}`,
      Title: ['VP Sales', 'CTO', 'Buyer', 'CFO'][i % 4] ?? null,
      Department: 'Operations',
      Preferred_Channel__c: ['Email', 'Phone', 'SMS'][i % 3] ?? null,
    });
  });
  ['Grace Hopper|Initech', 'Alan Turing|Globex', 'Ada Lovelace|Umbrella', 'Linus Park|Hooli', 'Rosa Diaz|Stark Ind.'].forEach((s, i) => {
    const [name, company] = s.split('|');
    const [first, last] = (name ?? '').split(' ');
    seedRecord(org, 'Lead', {
      FirstName: first ?? '',
      LastName: last ?? '',
      Company: company ?? '',
      Email: `${(first ?? '').toLowerCase()}@lead${i}.example`,
      Title: 'Director',
      LeadSource: 'Web',
      Rating: 'Hot',
      Phone: `+1 555 040${i}`,
      Status: 'Open - Not Contacted',
      Score__c: 40 + i * 10,
      Description: 'Inbound lead from the website.',
    });
  });
  const opps = accounts.map((a, i) =>
    seedRecord(org, 'Opportunity', {
      Name: `${String(a.Name)} renewal`,
      AccountId: a.Id ?? null,
      Amount: 25_000 * (i + 1),
      ExpectedRevenue: 25_000 * (i + 1) * 0.5,
      StageName: 'Proposal',
      CloseDate: `2026-0${(i % 9) + 1}-15`,
      Probability: 50,
      Forecast_Notes__c: 'Commit pending legal review.',
    }),
  );
  ['Analytics Suite', 'Onboarding Package', 'Edge Gateway'].forEach((Name, i) =>
    seedRecord(org, 'Product2', {
      Name,
      ProductCode: `P-00${i}`,
      Description: `${Name} sample product.`,
      IsActive: true,
      Family: ['Software', 'Services', 'Hardware'][i] ?? null,
    }),
  );
  contacts.slice(0, 4).forEach((c, i) =>
    seedRecord(org, 'Task', {
      Subject: ['Call', 'Send proposal', 'Follow up', 'Demo prep'][i] ?? 'Call',
      Description: 'Sample task.',
      ActivityDate: `2026-03-0${i + 1}`,
      WhoId: c.Id ?? null,
      WhatId: opps[i]?.Id ?? null,
      Type: 'Call',
      Status: 'Not Started',
      Priority: 'Normal',
    }),
  );
  contacts.slice(0, 3).forEach((c, i) =>
    seedRecord(org, 'Event', {
      Subject: ['Kickoff', 'QBR', 'Workshop'][i] ?? 'Meeting',
      Description: 'Sample event.',
      ActivityDate: `2026-04-0${i + 1}`,
      WhoId: c.Id ?? null,
      WhatId: accounts[i]?.Id ?? null,
      Type: 'Meeting',
      StartDateTime: `2026-04-0${i + 1}T15:00:00.000+0000`,
      EndDateTime: `2026-04-0${i + 1}T16:00:00.000+0000`,
      DurationInMinutes: 60,
    }),
  );
  ['Globex Analytics', 'Initech CRM', 'Hooli Cloud'].forEach((Name, i) =>
    seedRecord(org, 'Competitor__c', {
      Name,
      Website__c: `https://competitor${i}.example`,
      Strengths__c: 'Pricing',
      Account__c: accounts[i]?.Id ?? null,
    }),
  );
}
