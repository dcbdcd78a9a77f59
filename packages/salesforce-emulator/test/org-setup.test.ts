import { afterEach, describe, expect, it } from 'vitest';
import { startEmulator, type EmulatorOptions, type StartedEmulator } from '../index';
import { integrationProfileId, restFetch, signIn, userBody } from './test-helpers';

let emu: StartedEmulator | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
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
    { name: 'Old_Rule', errorMessage: 'Inactive.', requiresField: 'Title', active: false },
  ],
};

async function started(options: EmulatorOptions) {
  emu = await startEmulator(options);
  const conn = await signIn(emu);
  const token = conn.accessToken ?? '';
  const post = (body: Record<string, string>) => restFetch(emu!, token, '/sobjects/User', { method: 'POST', body: JSON.stringify(body) });
  return { conn, token, post, profileId: await integrationProfileId(conn) };
}

type RestErrors = { errorCode: string; message: string; fields: string[] }[];

describe('rules on User (facts USER-REQUIRED-FIELDS, USER-VALIDATION-RULES)', () => {
  it('describes a required custom field without a default, and refuses a user without it', async () => {
    const { conn, post, profileId } = await started({ userRules });
    const describe = await conn.sobject('User').describe();
    expect(describe.fields.find((f) => f.name === 'Cost_Center__c')).toMatchObject({
      custom: true,
      nillable: false,
      defaultedOnCreate: false,
      createable: true,
    });
    const refused = await post({ ...userBody(profileId), Department: 'Sales' });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual([
      { errorCode: 'REQUIRED_FIELD_MISSING', message: 'Required fields are missing: [Cost_Center__c]', fields: ['Cost_Center__c'] },
    ]);
  });

  it("refuses with an active rule's own message, and takes the user once the field has a value", async () => {
    const { post, profileId } = await started({ userRules });
    const refused = await post({ ...userBody(profileId), Cost_Center__c: 'CC-1' });
    expect(refused.status).toBe(400);
    expect((refused.body as RestErrors)[0]).toMatchObject({
      errorCode: 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      message: 'Every user needs a department.',
    });
    expect((await post({ ...userBody(profileId), Cost_Center__c: 'CC-1', Department: 'Sales' })).status).toBe(201);
  });

  it.each([
    ['displayField', ['Department']],
    ['none', []],
  ] as const)('with validationErrorFields=%s the error names %j', async (value, fields) => {
    const { post, profileId } = await started({ userRules, switches: { validationErrorFields: value } });
    const refused = await post({ ...userBody(profileId), Cost_Center__c: 'CC-1' });
    expect((refused.body as RestErrors)[0]?.fields).toEqual(fields);
  });

  it('lists validation rules through the Tooling API only', async () => {
    const { token } = await started({ userRules });
    const soql =
      "SELECT ValidationName, ErrorMessage, ErrorDisplayField FROM ValidationRule WHERE EntityDefinition.QualifiedApiName = 'User' AND Active = true";
    const tooling = await restFetch(emu!, token, `/tooling/query?q=${encodeURIComponent(soql)}`);
    expect(tooling.status).toBe(200);
    expect((tooling.body as { records: Record<string, unknown>[] }).records).toEqual([
      {
        attributes: expect.objectContaining({ type: 'ValidationRule' }) as unknown,
        ValidationName: 'Department_Required',
        ErrorMessage: 'Every user needs a department.',
        ErrorDisplayField: 'Department',
      },
    ]);
    const data = await restFetch(emu!, token, `/query?q=${encodeURIComponent(soql)}`);
    expect(data.status).toBe(400);
    expect((data.body as RestErrors)[0]?.errorCode).toBe('INVALID_TYPE');
  });
});

describe("Microsoft's Sales agent connection (fact MICROSOFT-SALES-AGENT-CONNECTION)", () => {
  it('holds an integration licence seat, a permission set, a profile, a user and an app', async () => {
    emu = await startEmulator({ microsoftSalesAgent: true });
    const state = emu.state();
    expect(state.users.find((u) => u.Username.startsWith('copilotforsalesintegrationuser'))).toMatchObject({
      ProfileName: 'CopilotForSalesIntegrationProfile',
    });
    expect(state.permissionSets.some((p) => p.Name === 'CopilotForSalesPermissionSet')).toBe(true);
    expect(state.externalClientApps.map((a) => a.label)).toContain('M365 Copilot Sales');
    const conn = await signIn(emu);
    const seats = await conn.query<{ UsedLicenses: number }>("SELECT UsedLicenses FROM UserLicense WHERE Name = 'Salesforce Integration'");
    expect(seats.records[0]?.UsedLicenses).toBe(1);
  });
});
