/** The org's object catalogue: standard objects with realistic fields, custom fields and a custom object. */
import { eventObject, taskObject } from './activities';
import { field, object, type FieldDef, type ObjectDef } from './schema';

/** System permissions exposed as `Permissions<Name>` on PermissionSet and Profile. */
export const SYSTEM_PERMISSIONS = [
  'PermissionsApiEnabled',
  'PermissionsApiUserOnly',
  'PermissionsViewSetup',
  'PermissionsModifyAllData',
  'PermissionsViewAllData',
  'PermissionsCustomizeApplication',
  'PermissionsManageUsers',
  'PermissionsAssignPermissionSets',
  'PermissionsModifyMetadata',
  'PermissionsManageProfilesPermissionsets',
  'PermissionsApproveUninstalledConnectedApps',
  'PermissionsUseAnyApiClient',
] as const;
export type SystemPermission = (typeof SYSTEM_PERMISSIONS)[number];

const req = { required: true } as const;
/** EntityDefinition's sharing model values (fact OWD-SOURCES). */
const SHARING_MODELS = [
  'Private',
  'Read',
  'ReadWrite',
  'ReadWriteTransfer',
  'FullAccess',
  'ControlledByParent',
  'ControlledByCampaign',
  'ControlledByLeadOrContact',
];
const ref = (to: string[], rel: string, opts: Partial<FieldDef> = {}): FieldDef =>
  field(rel === 'Who' ? 'WhoId' : rel === 'What' ? 'WhatId' : `${rel}Id`, 'reference', { referenceTo: to, relationshipName: rel, ...opts });
/** User.UserType's values in a recorded real org (test/recorded-reality). */
const USER_TYPES = [
  'Standard',
  'PowerPartner',
  'PowerCustomerSuccess',
  'CustomerSuccess',
  'Guest',
  'CspLitePortal',
  'CsnOnly',
  'SelfService',
];
const pick = (name: string, values: string[], opts = {}): FieldDef => field(name, 'picklist', { picklistValues: values, ...opts });
const permFields = (): FieldDef[] => SYSTEM_PERMISSIONS.map((p) => field(p, 'boolean', { permissionable: false }));
const readOnly = { createable: false, updateable: false, permissionable: false } as const;
const userKey = { ...req, restrictedPicklist: true, permissionable: false } as const;
const USER_TIME_ZONES = [
  'America/Los_Angeles',
  'America/Denver',
  'America/Chicago',
  'America/New_York',
  'America/Sao_Paulo',
  'Europe/London',
  'Europe/Stockholm',
  'Europe/Berlin',
  'Europe/Paris',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Australia/Sydney',
  'GMT',
];
const USER_LOCALES = ['en_US', 'en_GB', 'en_AU', 'sv_SE', 'de_DE', 'fr_FR', 'ja_JP', 'pt_BR'];
const USER_LANGUAGES = ['en_US', 'en_GB', 'sv', 'de', 'fr', 'ja', 'pt_BR'];
const USER_ENCODINGS = ['UTF-8', 'ISO-8859-1', 'Shift_JIS', 'ISO-2022-JP', 'EUC-JP', 'Big5', 'GB2312', 'ks_c_5601-1987'];
/** Parts of a person's compound name carry no FLS of their own (fact FIELD-PERMISSIONABLE). */
const nameParts = (): FieldDef[] => [
  field('FirstName', 'string', { length: 40, permissionable: false }),
  field('LastName', 'string', { ...req, length: 80 }),
  field('Name', 'string', { ...readOnly, nameField: true, nillable: false, length: 121 }),
];

function dataObjects(): ObjectDef[] {
  return [
    object('Account', '001', [
      field('Name', 'string', { ...req, nameField: true }),
      pick('Type', ['Prospect', 'Customer - Direct', 'Customer - Channel', 'Partner']),
      pick('Industry', ['Technology', 'Manufacturing', 'Retail', 'Healthcare', 'Finance']),
      field('AnnualRevenue', 'currency'),
      field('NumberOfEmployees', 'int'),
      field('Phone', 'phone'),
      field('Website', 'url'),
      field('Description', 'textarea'),
      field('BillingCity', 'string', { length: 40 }),
      field('BillingCountry', 'string', { length: 80 }),
      pick('Rating', ['Hot', 'Warm', 'Cold']),
      pick('Tier__c', ['Gold', 'Silver', 'Bronze'], { label: 'Tier' }),
      field('Region__c', 'string', { label: 'Region' }),
    ]),
    object('Contact', '003', [
      ...nameParts(),
      ref(['Account'], 'Account'),
      field('Email', 'email'),
      field('MobilePhone', 'phone'),
      field('Phone', 'phone'),
      field('Title', 'string', { length: 128 }),
      field('Department', 'string', { length: 80 }),
      field('Description', 'textarea'),
      pick('Preferred_Channel__c', ['Email', 'Phone', 'SMS'], { label: 'Preferred Channel' }),
    ]),
    object('Lead', '00Q', [
      ...nameParts(),
      field('Company', 'string', req),
      field('Email', 'email'),
      field('Title', 'string', { length: 128 }),
      field('Description', 'textarea'),
      pick('LeadSource', ['Web', 'Phone Inquiry', 'Partner Referral', 'Trade Show']),
      pick('Rating', ['Hot', 'Warm', 'Cold']),
      field('Phone', 'phone'),
      pick('Status', ['Open - Not Contacted', 'Working - Contacted', 'Closed - Converted'], {
        nillable: false,
        permissionable: false,
        defaultedOnCreate: true,
      }),
      field('Score__c', 'double', { label: 'Score' }),
    ]),
    object(
      'Opportunity',
      '006',
      [
        field('Name', 'string', { ...req, nameField: true, length: 120 }),
        ref(['Account'], 'Account'),
        field('Amount', 'currency'),
        field('ExpectedRevenue', 'currency', { createable: false, updateable: false, calculated: true, permissionable: true }),
        pick('StageName', ['Prospecting', 'Qualification', 'Proposal', 'Closed Won', 'Closed Lost'], req),
        field('CloseDate', 'date', req),
        field('Probability', 'percent'),
        field('Description', 'textarea'),
        field('Forecast_Notes__c', 'textarea', { label: 'Forecast Notes' }),
      ],
      { labelPlural: 'Opportunities' },
    ),
    object(
      'Product2',
      '01t',
      [
        field('Name', 'string', { ...req, nameField: true }),
        field('ProductCode', 'string'),
        field('Description', 'textarea', { length: 4000 }),
        field('IsActive', 'boolean', { defaultedOnCreate: true }),
        pick('Family', ['Software', 'Services', 'Hardware']),
      ],
      // Products have no owner (recorded describe of Product2).
      { label: 'Product', owner: false },
    ),
    taskObject(),
    eventObject(),
    object(
      'Competitor__c',
      'a00',
      [
        field('Name', 'string', { ...req, nameField: true, label: 'Competitor Name' }),
        field('Website__c', 'url', { label: 'Website' }),
        field('Strengths__c', 'textarea', { label: 'Strengths' }),
        field('Account__c', 'reference', { referenceTo: ['Account'], relationshipName: 'Account__r', label: 'Account' }),
      ],
      { label: 'Competitor' },
    ),
  ];
}

function setupObjects(): ObjectDef[] {
  const setup = { setup: true } as const;
  return [
    object(
      'User',
      '005',
      [
        field('Username', 'string', req),
        field('FirstName', 'string'),
        field('LastName', 'string', req),
        field('Name', 'string', { ...readOnly, nameField: true, nillable: false }),
        field('Email', 'email', req),
        field('Alias', 'string', { ...req, length: 8 }),
        field('CommunityNickname', 'string', { nillable: false, defaultedOnCreate: true, permissionable: false, length: 40 }),
        // Fact USER-DEFAULTS: restricted picklists, each value checked on save (a sample of Salesforce's lists).
        pick('TimeZoneSidKey', USER_TIME_ZONES, userKey),
        pick('LocaleSidKey', USER_LOCALES, userKey),
        pick('EmailEncodingKey', USER_ENCODINGS, userKey),
        pick('LanguageLocaleKey', USER_LANGUAGES, userKey),
        ref(['Profile'], 'Profile', { nillable: false, permissionable: false }),
        field('IsActive', 'boolean', { permissionable: false }),
        pick('UserType', USER_TYPES, { ...readOnly, restrictedPicklist: true }),
        field('Title', 'string'),
        field('CompanyName', 'string'),
        field('Department', 'string', { length: 80 }),
      ],
      { ...setup, deletable: false },
    ),
    // Fact AGENT-SIGN-IN-REASONS: one per user, made by Salesforce; an admin may update IsFrozen and IsPasswordLocked.
    object(
      'UserLogin',
      '060',
      [
        field('UserId', 'reference', { referenceTo: ['User'], relationshipName: 'User', ...readOnly }),
        field('IsFrozen', 'boolean', { permissionable: false }),
        field('IsPasswordLocked', 'boolean', { permissionable: false }),
      ],
      { ...setup, createable: false, deletable: false },
    ),
    object(
      'Profile',
      '00e',
      [
        field('Name', 'string', { ...req, nameField: true }),
        ref(['UserLicense'], 'UserLicense', readOnly),
        pick('UserType', USER_TYPES, { ...readOnly, restrictedPicklist: true }),
        field('Description', 'string'),
        ...permFields(),
      ],
      { ...setup, createable: false },
    ),
    object(
      'UserLicense',
      '100',
      [
        field('Name', 'string', { ...readOnly, nameField: true }),
        field('MasterLabel', 'string', readOnly),
        field('LicenseDefinitionKey', 'string', readOnly),
        field('TotalLicenses', 'int', readOnly),
        field('UsedLicenses', 'int', readOnly),
        pick('Status', ['Active', 'Disabled'], { ...readOnly, restrictedPicklist: true }),
      ],
      {
        ...setup,
        createable: false,
        updateable: false,
        deletable: false,
        systemFields: ['Id', 'CreatedDate', 'LastModifiedDate', 'SystemModstamp'],
      },
    ),
    object(
      'PermissionSet',
      '0PS',
      [
        field('Name', 'string', { ...req, nameField: true, length: 80 }),
        field('Label', 'string', { ...req, length: 80 }),
        field('Description', 'string', { length: 255, permissionable: false }),
        field('LicenseId', 'reference', {
          referenceTo: ['UserLicense', 'PermissionSetLicense'],
          relationshipName: 'License',
          permissionable: false,
        }),
        field('IsOwnedByProfile', 'boolean', readOnly),
        ref(['Profile'], 'Profile', readOnly),
        field('IsCustom', 'boolean', readOnly),
        // Fact ADMIN-RIGHTS-SOURCES: a group's aggregate set has Type 'Group' and points at its group.
        pick('Type', ['Regular', 'Profile', 'Group', 'Session'], readOnly),
        ref(['PermissionSetGroup'], 'PermissionSetGroup', readOnly),
        field('HasActivationRequired', 'boolean', { permissionable: false }),
        field('NamespacePrefix', 'string', readOnly),
        ...permFields(),
      ],
      setup,
    ),
    object(
      'PermissionSetGroup',
      '0PG',
      [
        field('DeveloperName', 'string', { ...req, nameField: true, length: 80 }),
        field('MasterLabel', 'string', { ...req, length: 80 }),
        field('Description', 'textarea', { length: 255, permissionable: false }),
        pick('Status', ['Updated', 'Outdated', 'Updating', 'Failed'], { ...readOnly, restrictedPicklist: true }),
        field('HasActivationRequired', 'boolean', { permissionable: false }),
      ],
      setup,
    ),
    object(
      'PermissionSetGroupComponent',
      '0PC',
      [
        field('PermissionSetGroupId', 'reference', {
          referenceTo: ['PermissionSetGroup'],
          relationshipName: 'PermissionSetGroup',
          ...req,
          updateable: false,
        }),
        field('PermissionSetId', 'reference', {
          referenceTo: ['PermissionSet'],
          relationshipName: 'PermissionSet',
          ...req,
          updateable: false,
        }),
      ],
      { ...setup, updateable: false },
    ),
    object(
      'PermissionSetLicense',
      '0PL',
      [
        field('DeveloperName', 'string', { ...readOnly, nameField: true }),
        field('MasterLabel', 'string', readOnly),
        field('TotalLicenses', 'int', readOnly),
        field('UsedLicenses', 'int', readOnly),
        pick('Status', ['Active', 'Disabled'], { ...readOnly, restrictedPicklist: true }),
        field('ExpirationDate', 'date', readOnly),
      ],
      { ...setup, createable: false, updateable: false, deletable: false },
    ),
    object(
      'PermissionSetLicenseAssign',
      '2LA',
      [
        field('AssigneeId', 'reference', { referenceTo: ['User'], relationshipName: 'Assignee', ...req }),
        field('PermissionSetLicenseId', 'reference', {
          referenceTo: ['PermissionSetLicense'],
          relationshipName: 'PermissionSetLicense',
          ...req,
        }),
      ],
      { ...setup, updateable: false },
    ),
    object(
      'PermissionSetAssignment',
      '0Pa',
      [
        field('AssigneeId', 'reference', { referenceTo: ['User'], relationshipName: 'Assignee', ...req, updateable: false }),
        // Nillable since groups: a group assignment names the group and gets the group's aggregate set.
        field('PermissionSetId', 'reference', {
          referenceTo: ['PermissionSet'],
          relationshipName: 'PermissionSet',
          permissionable: false,
          updateable: false,
        }),
        ref(['PermissionSetGroup'], 'PermissionSetGroup', { permissionable: false, updateable: false }),
        field('ExpirationDate', 'datetime', { permissionable: false }),
        field('IsActive', 'boolean', readOnly),
      ],
      { ...setup, systemFields: ['Id', 'SystemModstamp'] },
    ),
    object(
      'ObjectPermissions',
      '110',
      [
        field('ParentId', 'reference', { referenceTo: ['PermissionSet'], relationshipName: 'Parent', ...req, updateable: false }),
        field('SobjectType', 'picklist', { ...req, restrictedPicklist: true, updateable: false }),
        ...['Read', 'Create', 'Edit', 'Delete', 'ViewAllRecords', 'ModifyAllRecords'].map((p) =>
          field(`Permissions${p}`, 'boolean', { permissionable: false }),
        ),
      ],
      setup,
    ),
    object(
      'FieldPermissions',
      '01k',
      [
        field('ParentId', 'reference', { referenceTo: ['PermissionSet'], relationshipName: 'Parent', ...req, updateable: false }),
        field('SobjectType', 'picklist', { ...req, restrictedPicklist: true, updateable: false }),
        field('Field', 'picklist', { ...req, restrictedPicklist: true, updateable: false }),
        field('PermissionsRead', 'boolean', { permissionable: false }),
        field('PermissionsEdit', 'boolean', { permissionable: false }),
      ],
      { ...setup, systemFields: ['Id', 'SystemModstamp'] },
    ),
    // Fact ORG-TYPE: what a real org answers about itself, with the org-wide sharing defaults' real picklist values.
    object(
      'Organization',
      '00D',
      [
        field('Name', 'string', { ...readOnly, nameField: true }),
        pick(
          'OrganizationType',
          [
            'Team Edition',
            'Professional Edition',
            'Enterprise Edition',
            'Developer Edition',
            'Personal Edition',
            'Unlimited Edition',
            'Contact Manager Edition',
            'Base Edition',
          ],
          readOnly,
        ),
        field('IsSandbox', 'boolean', readOnly),
        field('InstanceName', 'string', readOnly),
        field('TrialExpirationDate', 'datetime', readOnly),
        field('IsReadOnly', 'boolean', readOnly),
        pick('LanguageLocaleKey', ['en_US', 'sv', 'de', 'fr'], readOnly),
        pick('DefaultLocaleSidKey', ['en_US', 'sv_SE', 'de_DE', 'fr_FR'], readOnly),
        pick('TimeZoneSidKey', ['America/Los_Angeles', 'Europe/Stockholm', 'Europe/London', 'GMT'], readOnly),
        pick('DefaultAccountAccess', ['None', 'Read', 'Edit'], readOnly),
        pick('DefaultContactAccess', ['None', 'Read', 'Edit', 'ControlledByParent'], readOnly),
        pick('DefaultOpportunityAccess', ['None', 'Read', 'Edit'], readOnly),
        pick('DefaultLeadAccess', ['None', 'Read', 'Edit', 'ReadEditTransfer'], readOnly),
        pick('DefaultCaseAccess', ['None', 'Read', 'Edit', 'ReadEditTransfer'], readOnly),
        pick('DefaultCalendarAccess', ['HideDetails', 'HideDetailsInsert', 'ShowDetails', 'ShowDetailsInsert', 'AllowEdits'], readOnly),
        pick('DefaultPricebookAccess', ['None', 'Read', 'ReadSelect'], readOnly),
        pick('DefaultCampaignAccess', ['None', 'Read', 'Edit', 'All'], readOnly),
        field('NamespacePrefix', 'string', readOnly),
      ],
      { ...setup, createable: false, updateable: false, deletable: false },
    ),
    // Fact OWD-SOURCES: the sharing model of an object, one row per object (the emulator keeps rows for custom objects).
    object(
      'EntityDefinition',
      '01I',
      [
        field('QualifiedApiName', 'string', { ...readOnly, nameField: true }),
        field('DurableId', 'string', readOnly),
        pick('InternalSharingModel', SHARING_MODELS, readOnly),
        pick('ExternalSharingModel', SHARING_MODELS, readOnly),
      ],
      {
        ...setup,
        createable: false,
        updateable: false,
        deletable: false,
        systemFields: ['Id', 'LastModifiedDate', 'LastModifiedById'],
        api: 'both',
      },
    ),
    validationRuleObject(),
    object(
      'ExternalClientApplication',
      '0xI',
      [
        field('DeveloperName', 'string', readOnly),
        field('MasterLabel', 'string', { ...readOnly, nameField: true }),
        field('NamespacePrefix', 'string', readOnly),
        pick('DistributionState', ['Local', 'Packaged'], readOnly),
        field('ContactEmail', 'email', readOnly),
        field('Description', 'string', readOnly),
      ],
      { ...setup, createable: false, updateable: false, deletable: false },
    ),
  ];
}

export interface CatalogOptions {
  extraCustomFields?: { object: string; count: number };
  /** Custom User fields the org made required, with no default (fact USER-REQUIRED-FIELDS). */
  requiredUserFields?: { name: string; label: string }[];
}

/** Fact USER-VALIDATION-RULES: the Tooling API's ValidationRule (the formula itself is read one rule at a time, never here). */
function validationRuleObject(): ObjectDef {
  return object(
    'ValidationRule',
    '03d',
    [
      field('ValidationName', 'string', { ...readOnly, nameField: true, length: 40 }),
      field('Active', 'boolean', readOnly),
      field('Description', 'string', readOnly),
      field('ErrorMessage', 'string', readOnly),
      field('ErrorDisplayField', 'string', readOnly),
      field('NamespacePrefix', 'string', readOnly),
      ref(['EntityDefinition'], 'EntityDefinition', readOnly),
    ],
    { setup: true, createable: false, updateable: false, deletable: false, api: 'tooling' },
  );
}

/** The names `extraCustomFields` gives its fields: `Bench_Field_0001__c`, `Bench_Field_0002__c`... */
export function extraCustomFieldNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `Bench_Field_${String(i + 1).padStart(4, '0')}__c`);
}

/** Builds a fresh catalogue (fresh objects so benches can add fields without leaking into other emulators). */
export function buildCatalog(opts: CatalogOptions = {}): Map<string, ObjectDef> {
  const all = [...dataObjects(), ...setupObjects()];
  const extra = opts.extraCustomFields;
  if (extra) {
    const target = all.find((o) => o.name.toLowerCase() === extra.object.toLowerCase());
    if (!target) throw new Error(`extraCustomFields: unknown object ${extra.object}`);
    extraCustomFieldNames(extra.count).forEach((name, i) => {
      target.fields.push(field(name, 'string', { label: `Bench Field ${i + 1}` }));
    });
  }
  const user = all.find((o) => o.name === 'User');
  for (const f of opts.requiredUserFields ?? []) user?.fields.push(field(f.name, 'string', { label: f.label, required: true }));
  return new Map(all.map((o) => [o.name.toLowerCase(), o]));
}
