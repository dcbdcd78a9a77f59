import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorSwitches } from '../../../packages/salesforce-emulator/index';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const ECA_TYPES = [
  'ExternalClientApplication',
  'ExtlClntAppOauthSettings',
  'ExtlClntAppGlobalOauthSettings',
  'ExtlClntAppConfigurablePolicies',
  'ExtlClntAppOauthConfigurablePolicies',
];

interface Listed {
  fullName: string;
  type: string;
}
interface LooseMetadata {
  list(query: { type: string }): Promise<Listed | Listed[] | undefined>;
  read(type: string, fullName: string): Promise<Record<string, unknown>>;
}

async function metadata(h: Harness): Promise<LooseMetadata> {
  return (await h.session()).connection.metadata;
}

/** Every ECA component in the org, as the admin's own listing shows it. */
async function listEca(h: Harness): Promise<Listed[]> {
  const md = await metadata(h);
  const lists = await Promise.all(ECA_TYPES.map((type) => md.list({ type })));
  return lists.flatMap((l) => (l === undefined ? [] : Array.isArray(l) ? l : [l]));
}

async function asAdmin<T>(h: Harness, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<T> {
  const conn = (await h.session()).connection;
  return conn.request<T>({
    method,
    url: `/services/data/v66.0${path}`,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

const headerRefused =
  '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns="http://soap.sforce.com/2006/04/metadata">' +
  '<soapenv:Body><deleteMetadataResponse><result><errors><message>Cannot delete Sales_Agent_ECA right now</message><statusCode>DELETE_FAILED</statusCode></errors>' +
  '<fullName>Sales_Agent_ECA</fullName><success>false</success></result></deleteMetadataResponse></soapenv:Body></soapenv:Envelope>';

describe('the app finds the policies Salesforce made and leaves no part of the app behind (facts ECA-POLICIES, ECA-DELETE-CASCADE)', () => {
  const cases: { ecaPolicies: EmulatorSwitches['ecaPolicies']; ecaDeleteCascade: boolean }[] = [
    { ecaPolicies: 'autoCreated', ecaDeleteCascade: false },
    { ecaPolicies: 'autoCreated', ecaDeleteCascade: true },
    { ecaPolicies: 'createdByClient', ecaDeleteCascade: false },
    { ecaPolicies: 'createdByClient', ecaDeleteCascade: true },
  ];
  it.each(cases)(
    'ecaPolicies=$ecaPolicies, ecaDeleteCascade=$ecaDeleteCascade: enable connects with one set of policies, disable leaves the org clean',
    async (switches) => {
      // A generated name the app has never seen: it must find the record, not guess it.
      harness = await startHarness({ switches: { ...switches, defaultOauthPolicyNamePattern: '{app}_Generated_Oauth' } });
      const on = await harness.run(() => harness!.services.connection.planAndRun('enable'));
      expect(on.status).toBe('connected');

      const listed = await listEca(harness);
      const policies = listed.filter((c) => c.type === 'ExtlClntAppOauthConfigurablePolicies');
      expect(policies).toHaveLength(1);
      expect(listed.filter((c) => c.type === 'ExtlClntAppConfigurablePolicies')).toHaveLength(1);
      if (switches.ecaPolicies === 'autoCreated') expect(policies[0]?.fullName).toBe('Sales_Agent_ECA_Generated_Oauth');
      const policy = await (await metadata(harness)).read('ExtlClntAppOauthConfigurablePolicies', policies[0]?.fullName ?? '');
      expect(policy).toMatchObject({
        permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
        commaSeparatedPermissionSet: 'Sales_Agent_Permission_Set',
      });

      const off = await harness.run(() => harness!.services.connection.planAndRun('disable'));
      expect(off.status).toBe('off');
      expect(off.error).toBeUndefined();
      expect(await listEca(harness)).toEqual([]);
    },
  );

  it('a part Salesforce keeps is named in the error, not reported as removed', async () => {
    harness = await startHarness();
    expect((await harness.run(() => harness!.services.connection.planAndRun('enable'))).status).toBe('connected');
    // The fifth delete is the header's: Salesforce answers it with a per-component failure.
    harness.emulator.addFault({
      soapOperation: 'deleteMetadata',
      nth: 5,
      times: 1,
      respond: { status: 200, contentType: 'text/xml;charset=UTF-8', body: headerRefused },
    });
    const off = await harness.run(() => harness!.services.connection.planAndRun('disable'));
    expect(off.error?.message ?? '').toMatch(/ExternalClientApplication Sales_Agent_ECA/);
    expect((await listEca(harness)).map((c) => c.fullName)).toContain('Sales_Agent_ECA');
  });
});

/** Takes Manage Users (and Modify All Data, which carries it) off the admin's profile. */
async function stripProfileOfManageUsers(h: Harness): Promise<void> {
  const owned = await asAdmin<{ records: { Id: string }[] }>(
    h,
    'GET',
    `/query?q=${encodeURIComponent("SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = true AND Profile.Name = 'System Administrator'")}`,
  );
  await asAdmin(h, 'PATCH', `/sobjects/PermissionSet/${owned.records[0]?.Id ?? ''}`, {
    PermissionsManageUsers: false,
    PermissionsModifyAllData: false,
  });
}

async function permissionSetWithManageUsers(h: Harness, name: string): Promise<string> {
  const ps = await asAdmin<{ id: string }>(h, 'POST', '/sobjects/PermissionSet', { Name: name, Label: name, PermissionsManageUsers: true });
  return ps.id;
}

describe('admin rights count from every permission source (fact ADMIN-RIGHTS-SOURCES)', () => {
  it('Manage Users from a permission set: pre-flight passes and Enable connects', async () => {
    harness = await startHarness();
    const psId = await permissionSetWithManageUsers(harness, 'Admin_Extra_Rights');
    await asAdmin(harness, 'POST', '/sobjects/PermissionSetAssignment', {
      AssigneeId: harness.emulator.admin.userId,
      PermissionSetId: psId,
    });
    await stripProfileOfManageUsers(harness);

    const report = await harness.services.connection.preflight();
    expect(report.checks.find((c) => c.id === 'adminRights')?.ok).toBe(true);
    expect((await harness.run(() => harness!.services.connection.planAndRun('enable'))).status).toBe('connected');
  });

  it('Manage Users from a permission set group: pre-flight passes and Enable connects', async () => {
    harness = await startHarness();
    const psId = await permissionSetWithManageUsers(harness, 'Admin_Extra_Rights');
    const group = await asAdmin<{ id: string }>(harness, 'POST', '/sobjects/PermissionSetGroup', {
      DeveloperName: 'Admin_Group',
      MasterLabel: 'Admin group',
    });
    await asAdmin(harness, 'POST', '/sobjects/PermissionSetGroupComponent', { PermissionSetGroupId: group.id, PermissionSetId: psId });
    await asAdmin(harness, 'POST', '/sobjects/PermissionSetAssignment', {
      AssigneeId: harness.emulator.admin.userId,
      PermissionSetGroupId: group.id,
    });
    await stripProfileOfManageUsers(harness);

    const report = await harness.services.connection.preflight();
    expect(report.checks.find((c) => c.id === 'adminRights')?.ok).toBe(true);
    expect((await harness.run(() => harness!.services.connection.planAndRun('enable'))).status).toBe('connected');
  });

  it('Manage Users from nowhere: pre-flight blocks with INSUFFICIENT_ADMIN_RIGHTS naming it, and Enable creates nothing', async () => {
    harness = await startHarness();
    await permissionSetWithManageUsers(harness, 'Admin_Extra_Rights_Unassigned');
    await stripProfileOfManageUsers(harness);

    const report = await harness.services.connection.preflight();
    expect(report.ok).toBe(false);
    const check = report.checks.find((c) => c.id === 'adminRights');
    expect(check).toMatchObject({ ok: false, severity: 'blocker', message: 'Your Salesforce user lacks: Manage Users.' });
    const state = await harness.run(() => harness!.services.connection.planAndRun('enable'));
    expect(state.error?.code).toBe('INSUFFICIENT_ADMIN_RIGHTS');
    expect(await listEca(harness)).toEqual([]);
  });
});
