import { describe, expect, it } from 'vitest';
import type { EmulatorState } from '../packages/salesforce-emulator/index';
import { comparableState, firstDifference } from './end-state';

/** An org after one enable, with the ids, username suffix and certificate a run chooses. */
function orgAfterEnable(run: { suffix: string; certificate: string; fieldEdit?: boolean }): EmulatorState {
  const ids = { user: `005${run.suffix}`, ps: `0PS${run.suffix}`, psl: `0PL${run.suffix}` };
  return {
    orgId: '00D000000000001',
    now: '2026-01-01T00:00:00.000Z',
    users: [
      {
        Id: ids.user,
        Username: `sales-agent.${run.suffix}@00d000000000001.agent-connections.invalid`,
        Name: 'Sales Agent integration user',
        IsActive: true,
        ProfileId: `00e${run.suffix}`,
        ProfileName: 'Minimum Access - API Only Integrations',
      },
    ],
    licences: [{ Id: `100${run.suffix}`, Name: 'Salesforce Integration', TotalLicenses: 5, UsedLicenses: 1 }],
    permissionSetLicenses: [
      {
        Id: ids.psl,
        DeveloperName: 'SalesforceAPIIntegrationPsl',
        MasterLabel: 'Salesforce API Integration',
        TotalLicenses: 5,
        UsedLicenses: 1,
      },
    ],
    permissionSets: [
      { Id: ids.ps, Name: 'Sales_Agent_Permission_Set', Label: 'Sales Agent permission set', Description: 'ours [agent-connections]' },
    ],
    objectPermissions: [
      { Id: `110${run.suffix}`, ParentId: ids.ps, SobjectType: 'Account', PermissionsRead: true, PermissionsEdit: false },
    ],
    fieldPermissions: [
      {
        Id: `01k${run.suffix}a`,
        ParentId: ids.ps,
        SobjectType: 'Account',
        Field: 'Account.Bench_Field_0002__c',
        PermissionsRead: true,
        PermissionsEdit: false,
      },
      {
        Id: `01k${run.suffix}b`,
        ParentId: ids.ps,
        SobjectType: 'Account',
        Field: 'Account.Bench_Field_0001__c',
        PermissionsRead: true,
        PermissionsEdit: run.fieldEdit ?? false,
      },
    ],
    permissionSetAssignments: [{ Id: `0Pa${run.suffix}`, AssigneeId: ids.user, PermissionSetId: ids.ps }],
    permissionSetLicenseAssigns: [{ Id: `2LA${run.suffix}`, AssigneeId: ids.user, PermissionSetLicenseId: ids.psl }],
    externalClientApps: [
      {
        fullName: 'Sales_Agent_ECA',
        id: `0xI${run.suffix}`,
        globalOauthSettings: {
          certificate: run.certificate,
          consumerKey: `3MVG${run.suffix}`,
          callbackUrl: 'https://login.salesforce.com/services/oauth2/success',
        },
      },
    ],
    connectedApps: [],
    settings: {},
    tokens: { active: 1 },
  };
}

describe('comparable end state', () => {
  it('is equal for two runs that differ only in ids, username suffix, key and consumer key', () => {
    const a = comparableState(orgAfterEnable({ suffix: 'aaaaaa', certificate: 'CERT-A' }));
    const b = comparableState(orgAfterEnable({ suffix: 'bbbbbb', certificate: 'CERT-B' }));
    expect(firstDifference(a, b)).toBeNull();
  });

  it('points at the grant that differs', () => {
    const a = comparableState(orgAfterEnable({ suffix: 'aaaaaa', certificate: 'CERT' }));
    const b = comparableState(orgAfterEnable({ suffix: 'bbbbbb', certificate: 'CERT', fieldEdit: true }));
    expect(firstDifference(a, b)).toBe('/fieldPermissions/0/PermissionsEdit: false vs true');
  });

  it('notices an app without a certificate', () => {
    const a = comparableState(orgAfterEnable({ suffix: 'aaaaaa', certificate: 'CERT' }));
    const b = comparableState(orgAfterEnable({ suffix: 'bbbbbb', certificate: '' }));
    expect(firstDifference(a, b)).toMatch(/certificate/);
  });
});
