import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorOptions } from '../../../packages/salesforce-emulator/index';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const userRules: EmulatorOptions['userRules'] = {
  requiredFields: [{ name: 'Cost_Center__c', label: 'Cost Center' }],
  validationRules: [
    {
      name: 'Department_Required',
      errorMessage: 'Every user needs a department.',
      errorDisplayField: 'Department',
      requiresField: 'Department',
    },
  ],
};

/** Writes of any kind the run made: none may happen before the admin supplied what the org asks. */
const writes = (h: Harness) =>
  h.emulator.requests().filter((r) => r.method !== 'GET' && !r.path.endsWith('/composite') && !r.path.includes('oauth2'));

const integrationUser = (h: Harness) => h.emulator.state().users.find((u) => u.ProfileName === 'Minimum Access - API Only Integrations');

describe('pre-flight for what stops Enable half-way: rules on User (facts USER-REQUIRED-FIELDS, USER-VALIDATION-RULES)', () => {
  it('names the required field and the active rule before anything is written, and asks for both in the review', async () => {
    harness = await startHarness({ userRules });
    const report = await harness.services.connection.preflight();
    const byId = new Map(report.checks.map((c) => [c.id, c]));
    expect(byId.get('userFields')).toMatchObject({
      finding: 'userFieldsNeeded',
      severity: 'warning',
      params: { fields: 'Cost Center (Cost_Center__c)' },
    });
    expect(byId.get('validationRule:Department_Required')).toMatchObject({
      finding: 'validationRule',
      params: { rule: 'Department_Required', message: 'Every user needs a department.', field: 'Department' },
    });
    expect(report.userFields).toEqual([
      expect.objectContaining({ name: 'Cost_Center__c', label: 'Cost Center', required: true }),
      expect.objectContaining({
        name: 'Department',
        required: false,
        rule: 'Department_Required',
        ruleMessage: 'Every user needs a department.',
      }),
    ]);

    const plan = await harness.services.connection.plan('enable');
    expect(plan.preflight?.userFields?.map((f) => f.name)).toEqual(['Cost_Center__c', 'Department']);
    expect(plan.summary.some((l) => l.includes('Department_Required'))).toBe(true);
    expect(harness.emulator.requests().filter((r) => r.method !== 'GET' && r.path.endsWith('/sobjects/User'))).toEqual([]);
  });

  it('refuses to start without the required value, writing nothing', async () => {
    harness = await startHarness({ userRules });
    const { id: planId } = await harness.services.connection.plan('enable');
    harness.emulator.clearRequests();
    const state = await harness.run(() => harness!.services.connection.enable({ planId }));
    expect(state.error).toMatchObject({ code: 'USER_FIELDS_REQUIRED', action: 'review' });
    expect(state.error?.message).toContain('Cost Center (Cost_Center__c)');
    expect(writes(harness)).toEqual([]);
    expect(integrationUser(harness)).toBeUndefined();
  });

  it('the rule names itself when its field is left empty, and nothing is left behind', async () => {
    harness = await startHarness({ userRules });
    const state = await harness.run(() => harness!.services.connection.planAndRun('enable', { userFields: { Cost_Center__c: 'CC-42' } }));
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({ code: 'USER_VALIDATION_RULE', action: 'review' });
    expect(state.error?.message).toContain('Every user needs a department.');
    expect(harness.emulator.state().externalClientApps).toHaveLength(0);
    expect(integrationUser(harness)).toBeUndefined();
  });

  it('connects once the admin supplied the values in the review; the user carries them', async () => {
    harness = await startHarness({ userRules, switches: { validationErrorFields: 'displayField' } });
    const state = await harness.run(() =>
      harness!.services.connection.planAndRun('enable', { userFields: { Cost_Center__c: 'CC-42', Department: 'Sales Operations' } }),
    );
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('connected');
    const conn = (await harness.session()).connection;
    const rows = await conn.query<{ Cost_Center__c: string; Department: string }>(
      `SELECT Cost_Center__c, Department FROM User WHERE Username = '${state.details?.user.username ?? ''}'`,
    );
    expect(rows.records[0]).toMatchObject({ Cost_Center__c: 'CC-42', Department: 'Sales Operations' });
  });
});

describe("coexistence with Microsoft's Sales agent connection (fact MICROSOFT-SALES-AGENT-CONNECTION)", () => {
  it('pre-flight lists it with the licence it holds; Enable and Disable leave every part of it as it was', async () => {
    harness = await startHarness({ microsoftSalesAgent: true });
    const microsoft = () => {
      const s = harness!.emulator.state();
      return {
        users: s.users.filter((u) => u.Username.startsWith('copilotforsalesintegrationuser')),
        sets: s.permissionSets.filter((p) => p.Name === 'CopilotForSalesPermissionSet'),
        apps: s.externalClientApps.filter((a) => a.label === 'M365 Copilot Sales'),
      };
    };
    const before = JSON.stringify(microsoft());
    const report = await harness.services.connection.preflight();
    expect(report.coexisting).toMatchObject({
      apps: ['M365 Copilot Sales'],
      permissionSet: 'CopilotForSalesPermissionSet',
      profile: 'CopilotForSalesIntegrationProfile',
      licencesHeld: 1,
    });
    expect(report.coexisting?.users[0]?.username).toMatch(/^copilotforsalesintegrationuser/);
    expect(report.checks.find((c) => c.id === 'coexistingConnection')).toMatchObject({ severity: 'info', params: { count: 1 } });
    expect(report.checks.find((c) => c.id === 'integrationLicence')?.params).toEqual({ free: 4, total: 5 });

    const on = await harness.run(() => harness!.services.connection.planAndRun('enable'));
    expect(on.status).toBe('connected');
    expect(on.details?.user.profile).toBe('Minimum Access - API Only Integrations');
    const off = await harness.run(() => harness!.services.connection.planAndRun('disable'));
    expect(off.status).toBe('off');
    expect(JSON.stringify(microsoft())).toBe(before);
  });
});
