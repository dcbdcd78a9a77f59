import { afterEach, describe, expect, it } from 'vitest';
import { MARKER } from '../org/names';
import { setupCompositeRefuses, type SubrequestRefusal } from '../../../test/support/composite-refusal';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

async function asAdmin(h: Harness, method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown): Promise<unknown> {
  const conn = (await h.session()).connection;
  return conn.request({
    method,
    url: `/services/data/v66.0${path}`,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: { 'content-type': 'application/json' },
  });
}

const duplicateUsername: SubrequestRefusal = {
  referenceId: 'user',
  errorCode: 'DUPLICATE_USERNAME',
  fields: ['Username'],
  message: 'Duplicate Username.<br>The username already exists in this or another Salesforce organization.',
};

describe('failures an admin can act on get their own message', () => {
  it('no Salesforce Integration seats left', async () => {
    harness = await startHarness({ switches: { integrationSeats: 2 } });
    const profiles = (await asAdmin(
      harness,
      'GET',
      `/query?q=${encodeURIComponent("SELECT Id FROM Profile WHERE Name = 'Minimum Access - API Only Integrations'")}`,
    )) as { records: { Id: string }[] };
    const profileId = profiles.records[0]?.Id ?? '';
    for (const n of [1, 2]) {
      await asAdmin(harness, 'POST', '/sobjects/User', {
        Username: `other-integration-${n}-${Date.now()}@example.com`,
        LastName: `Other ${n}`,
        Email: 'x@example.com',
        Alias: `oth${n}`,
        TimeZoneSidKey: 'America/Los_Angeles',
        LocaleSidKey: 'en_US',
        EmailEncodingKey: 'UTF-8',
        LanguageLocaleKey: 'en_US',
        ProfileId: profileId,
      });
    }
    const state = await harness.run(() => harness!.services.connection.planAndRun('enable'));
    expect(state.error?.code).toBe('NO_INTEGRATION_LICENCES');
    expect(state.error?.message).toBe('No Salesforce Integration licences left (2 of 2 used).');
    expect(harness.emulator.state().permissionSets.some((p) => p.Description?.includes(MARKER))).toBe(false);
  });

  it('a username taken elsewhere is retried with another; one that keeps being taken is reported', async () => {
    harness = await startHarness();
    const enable = await harness.reviewed('enable');
    harness.emulator.addFault(setupCompositeRefuses(duplicateUsername, { times: 1 }));
    const retried = await harness.run(enable);
    expect(retried.status).toBe('connected');
    await harness.emulator.stop();

    harness = await startHarness();
    const enableAgain = await harness.reviewed('enable');
    harness.emulator.addFault(setupCompositeRefuses(duplicateUsername, { times: 5 }));
    const refused = await harness.run(enableAgain);
    expect(refused.error?.code).toBe('DUPLICATE_USERNAME');
    expect(refused.error?.message).toMatch(/username/);
  });

  it("a permission set with the agent's name that someone else made is refused, not taken over", async () => {
    harness = await startHarness();
    await asAdmin(harness, 'POST', '/sobjects/PermissionSet', {
      Name: 'Sales_Agent_Permission_Set',
      Label: 'Sales reps',
      Description: 'Made by hand',
    });
    const report = await harness.services.connection.preflight();
    expect(report.ok).toBe(false);
    const state = await harness.run(() => harness!.services.connection.planAndRun('enable'));
    expect(state.error?.code).toBe('NAME_TAKEN');
    expect(state.error?.message).toBe(
      'A permission set named "Sales_Agent_Permission_Set" already exists and was not created by Agent Connections.',
    );
    expect(harness.emulator.state().permissionSets.find((p) => p.Name === 'Sales_Agent_Permission_Set')?.Label).toBe('Sales reps');
  });

  it('leftovers of an earlier attempt are named in the pre-flight and reused, not duplicated', async () => {
    harness = await startHarness();
    const leftover = (await asAdmin(harness, 'POST', '/sobjects/PermissionSet', {
      Name: 'Sales_Agent_Permission_Set',
      Label: 'Sales Agent permission set',
      Description: `Created by Agent Connections for the agent "Sales Agent". ${MARKER}`,
    })) as { id: string };
    const report = await harness.services.connection.preflight();
    const check = report.checks.find((c) => c.id === 'leftovers');
    expect(check?.severity).toBe('warning');
    expect(check?.message).toMatch(/earlier attempt.*permission set Sales_Agent_Permission_Set/);
    const state = await harness.run(() => harness!.services.connection.planAndRun('enable'));
    expect(state.status).toBe('connected');
    expect(state.details?.permissionSet.id).toBe(leftover.id);
    expect(harness.emulator.state().permissionSets.filter((p) => p.Name === 'Sales_Agent_Permission_Set')).toHaveLength(1);
  });

  it('Disable leaves alone a permission set someone has since made their own, and removes the rest', async () => {
    harness = await startHarness();
    const on = await harness.run(() => harness!.services.connection.planAndRun('enable'));
    const psId = on.details?.permissionSet.id ?? '';
    await asAdmin(harness, 'PATCH', `/sobjects/PermissionSet/${psId}`, { Description: 'Taken over by the sales team' });

    const off = await harness.run(() => harness!.services.connection.planAndRun('disable'));
    expect(off.status).toBe('off');
    const org = harness.emulator.state();
    expect(org.permissionSets.find((p) => p.Id === psId)?.Description).toBe('Taken over by the sales team');
    expect(org.externalClientApps).toHaveLength(0);
    expect(org.users.find((u) => u.Id === on.details?.user.id)?.IsActive).toBe(false);
  });
});
