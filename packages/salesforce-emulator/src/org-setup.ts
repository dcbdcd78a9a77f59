/**
 * What some orgs have that the seed leaves out, switched on by EmulatorOptions: rules on User that
 * stop a client creating users (user-rules.ts) and Microsoft's own connection for its Sales agent
 * (fact MICROSOFT-SALES-AGENT-CONNECTION), which holds an integration licence seat like ours.
 */
import { ECA_HEADER } from './eca';
import { newId } from './ids';
import type { Org } from './org';
import { firstFreeUsername, reserveUsername } from './registry';
import { INTEGRATION_LICENSE, INTEGRATION_PSL, seedProfile, seedRecord } from './seed';
import { str } from './store';
import { blank } from './user-rules';

export const MICROSOFT_APP_LABEL = 'M365 Copilot Sales';
export const MICROSOFT_PERMISSION_SET = 'CopilotForSalesPermissionSet';
export const MICROSOFT_PROFILE = 'CopilotForSalesIntegrationProfile';

export function seedOrgSetup(org: Org): void {
  seedUserRules(org);
  if (org.config.microsoftSalesAgent) seedMicrosoftSalesAgent(org);
  org.refreshDerived();
}

/** The EntityDefinition row of User and a ValidationRule row per rule (the Tooling API lists them); seeded users get values. */
function seedUserRules(org: Org): void {
  const rules = org.config.userRules;
  if (!rules) return;
  for (const user of org.store.all('User')) {
    for (const f of rules.requiredFields ?? []) user[f.name] = 'Seeded';
    for (const r of rules.validationRules ?? []) if (blank(user[r.requiresField])) user[r.requiresField] = 'Seeded';
  }
  if (!rules.validationRules?.length) return;
  const entity = seedRecord(org, 'EntityDefinition', { QualifiedApiName: 'User', DurableId: 'User', InternalSharingModel: 'Read' });
  for (const r of rules.validationRules) {
    seedRecord(org, 'ValidationRule', {
      ValidationName: r.name,
      Active: r.active ?? true,
      Description: r.description ?? null,
      ErrorMessage: r.errorMessage,
      ErrorDisplayField: r.errorDisplayField ?? null,
      NamespacePrefix: null,
      EntityDefinitionId: str(entity.Id) ?? null,
    });
  }
}

/** Microsoft's Sales agent connection as its setup leaves it: app, API-only profile, user, permission set, licences. */
function seedMicrosoftSalesAgent(org: Org): void {
  const licence = org.store.all('UserLicense').find((l) => l.Name === INTEGRATION_LICENSE);
  const profileId = seedProfile(
    org,
    {
      name: MICROSOFT_PROFILE,
      license: INTEGRATION_LICENSE,
      userType: 'Standard',
      perms: ['PermissionsApiEnabled', 'PermissionsApiUserOnly'],
    },
    str(licence?.Id) ?? '',
  );
  const username = firstFreeUsername(`copilotforsalesintegrationuser@${org.orgId.slice(0, 15).toLowerCase()}.example`);
  const user = seedRecord(org, 'User', {
    Username: username,
    FirstName: 'M365 Copilot Sales',
    LastName: 'integration user',
    Email: 'dana.admin@contoso.example',
    Alias: 'copsales',
    CommunityNickname: `copilotforsales.${org.orgId.slice(-6)}`,
    ProfileId: profileId,
    TimeZoneSidKey: 'America/Los_Angeles',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
    IsActive: true,
    UserType: 'Standard',
  });
  reserveUsername(username, org.orgId);
  const permissionSet = seedRecord(org, 'PermissionSet', {
    Name: MICROSOFT_PERMISSION_SET,
    Label: 'Copilot for Sales Permission Set',
    Description: 'Microsoft 365 Copilot for Sales',
    IsOwnedByProfile: false,
    IsCustom: true,
    Type: 'Regular',
  });
  seedRecord(org, 'PermissionSetAssignment', {
    PermissionSetId: str(permissionSet.Id) ?? null,
    AssigneeId: str(user.Id) ?? null,
    IsActive: true,
  });
  const psl = org.store.all('PermissionSetLicense').find((l) => l.DeveloperName === INTEGRATION_PSL);
  seedRecord(org, 'PermissionSetLicenseAssign', { PermissionSetLicenseId: str(psl?.Id) ?? null, AssigneeId: str(user.Id) ?? null });
  const now = org.now();
  org.components(ECA_HEADER).set('m365_copilot_sales', {
    type: ECA_HEADER,
    fullName: 'M365_Copilot_Sales',
    id: newId('0xI'),
    createdAt: now,
    modifiedAt: now,
    fields: {
      label: MICROSOFT_APP_LABEL,
      contactEmail: 'dana.admin@contoso.example',
      distributionState: 'Local',
      description: 'Microsoft 365 Copilot for Sales',
    },
  });
}
