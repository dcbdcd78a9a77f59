import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { visibilityJson } from '../../cli/commands/visibility';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

async function connected(): Promise<Harness> {
  harness = await startHarness({});
  const state = await harness.run(() => harness!.services.connection.planAndRun('enable'));
  expect(state.status).toBe('connected');
  return harness;
}

describe("the agent's-eye view (fact OWD-SOURCES)", () => {
  it('in the demo org the agent sees 0 of the Accounts (Private) until View All on Account is granted', async () => {
    const h = await connected();
    const before = await h.services.connection.visibility();
    const account = before.objects.find((o) => o.object === 'Account');
    expect(account).toMatchObject({ agentCanSee: 0, adminCanSee: 5, reason: 'private', sharingModel: 'None', fix: 'viewAllRecords' });
    expect(account?.message).toMatch(/The agent sees 0 of 5 Account records: Account's org-wide default is Private/);
    // Opportunity is Public Read Only in the demo; Contact is Controlled by Parent and follows the accounts.
    expect(before.objects.find((o) => o.object === 'Opportunity')).toMatchObject({
      agentCanSee: 5,
      adminCanSee: 5,
      reason: 'public',
      fix: 'none',
    });
    expect(before.objects.find((o) => o.object === 'Contact')).toMatchObject({
      agentCanSee: 0,
      adminCanSee: 8,
      reason: 'controlledByParent',
      fix: 'viewAllRecords',
    });
    expect(before.objects.find((o) => o.object === 'Contact')?.readableFields).toEqual(expect.arrayContaining(['Email', 'Title']));

    const profile = h.services.agent.accessProfile();
    await h.services.agent.updateAccessProfile({
      ...profile,
      objects: profile.objects.map((o) => (o.object === 'Account' ? { ...o, viewAllRecords: true } : o)),
    });
    const updated = await h.run(() => h.services.connection.planAndRun('updateAccess'));
    expect(updated.status).toBe('connected');

    const after = await h.services.connection.visibility();
    expect(after.objects.find((o) => o.object === 'Account')).toMatchObject({
      agentCanSee: 5,
      adminCanSee: 5,
      reason: 'viewAllRecords',
      fix: 'none',
    });
    // The contacts follow the accounts the agent can now see.
    expect(after.objects.find((o) => o.object === 'Contact')).toMatchObject({ agentCanSee: 8, adminCanSee: 8 });
    expect(visibilityJson(after).objects.find((o) => o.object === 'Account')).toEqual({
      object: 'Account',
      agentCanSee: 5,
      adminCanSee: 5,
      reason: 'viewAllRecords',
      fix: 'none',
    });
  });

  it('a sample shows at most 3 records read as the agent, with only the fields it can read', async () => {
    const h = await connected();
    const sample = await h.services.connection.sample('Opportunity');
    expect(sample.records).toHaveLength(3);
    expect(sample.fields).toEqual(['Id', 'Amount', 'AccountId', 'ExpectedRevenue']);
    expect(Object.keys(sample.records[0] ?? {})).toEqual(sample.fields);
    expect(sample.records[0]).not.toHaveProperty('Forecast_Notes__c');
    await expect(h.services.connection.sample('Competitor__c')).rejects.toMatchObject({ error: { code: 'INVALID_INPUT' } });
  });
});
