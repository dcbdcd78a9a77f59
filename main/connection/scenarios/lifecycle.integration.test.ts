import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { invalidEmail, setupCompositeRefuses } from '../../../test/support/composite-refusal';
import { withAddedFields } from '../../../common';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

async function connected(): Promise<Harness> {
  harness = await startHarness({ activationDelayMs: 30_000 });
  const state = await harness.run(() => harness!.services.connection.planAndRun('enable'));
  expect(state.status).toBe('connected');
  return harness;
}

const grantsField = (h: Harness, field: string) =>
  h.emulator.state().fieldPermissions.some((f) => f.Field === field && f.PermissionsRead === true);

describe('drift, recreate, update access and reconnect', () => {
  it('a custom field added to the profile makes the health check ask for Update access (Recreate also grants it)', async () => {
    const h = await connected();
    const profile = withAddedFields(h.services.agent.accessProfile(), 'Account', ['Region__c']);
    const afterEdit = await h.services.agent.updateAccessProfile(profile);
    expect(afterEdit.status).toBe('drift');

    const report = await h.services.connection.check();
    expect(report.status).toBe('drift');
    expect(report.drift.missingFields).toEqual(['Account.Region__c']);
    const state = h.services.connection.state();
    expect(state.error?.code).toBe('CONNECTION_DRIFT');
    expect(state.error?.action).toBe('updateAccess');
    expect(state.error?.message).toMatch(/The agent does not have Account\.Region__c/);
    expect(state.error?.message).toMatch(/Recreate is not needed/);
    expect(state.error?.message).not.toMatch(/now reads/);

    const oldUser = state.details?.user.id;
    const recreated = await h.run(() => h.services.connection.planAndRun('recreate'));
    expect(recreated.status).toBe('connected');
    expect(grantsField(h, 'Account.Region__c')).toBe(true);
    expect(recreated.details?.user.id).toBe(oldUser);
    expect((await h.services.connection.check()).status).toBe('connected');
  });

  it('Update access adds the missing grant in place, without a new app or user', async () => {
    const h = await connected();
    const before = h.services.connection.state().details;
    await h.services.agent.updateAccessProfile(withAddedFields(h.services.agent.accessProfile(), 'Contact', ['Preferred_Channel__c']));
    const updated = await h.run(() => h.services.connection.planAndRun('updateAccess'));
    expect(updated.status).toBe('connected');
    expect(grantsField(h, 'Contact.Preferred_Channel__c')).toBe(true);
    expect(updated.details?.app.consumerKey).toBe(before?.app.consumerKey);
    expect(updated.details?.user.id).toBe(before?.user.id);
    expect(updated.details?.permissionSet.id).toBe(before?.permissionSet.id);
    expect((await h.services.connection.check()).drift.missingFields).toEqual([]);
  });

  it('a Save that Salesforce refuses rolls back, offers Reconnect, and Reconnect connects', async () => {
    harness = await startHarness({ activationDelayMs: 0 });
    const h = harness;
    // Reviewed before the fault is armed: its count starts with the run.
    const { id: planId } = await h.services.connection.plan('enable');
    // The setup Composite (after pre-flight) answers that the user was refused, as Salesforce does.
    h.emulator.addFault(setupCompositeRefuses(invalidEmail()));
    const failed = await h.run(() => h.services.connection.enable({ planId }));
    expect(failed.status).toBe('error');
    // Rolled back clean, a first turn-on is simply tried again (not rebuilt with Reconnect).
    expect(failed.error?.action).toBe('retry');
    expect(failed.error?.params?.run).toBe('enable');
    expect(h.emulator.state().permissionSets.filter((p) => p.Description?.includes('agent'))).toEqual([]);

    const again = await h.run(() => h.services.connection.planAndRun('enable'));
    expect(again.status).toBe('connected');
  });

  it('a removed assignment offers Repair; Reconnect still rebuilds it and reuses the same integration user', async () => {
    const h = await connected();
    const before = h.services.connection.state().details;
    // Someone deletes the permission set assignment by hand.
    const assignment = h.emulator.state().permissionSetAssignments[0];
    await fetch(`${h.emulator.instanceUrl}/services/data/v66.0/sobjects/PermissionSetAssignment/${assignment?.Id ?? ''}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${await adminToken(h)}` },
    });
    const report = await h.services.connection.check();
    expect(report.status).toBe('error');
    expect(h.services.connection.state().error?.code).toBe('CONNECTION_BROKEN');
    expect(h.services.connection.state().error?.action).toBe('repair');
    expect(h.services.connection.state().error?.message).toMatch(/is no longer assigned to the integration user/);

    const seatsBefore = h.emulator.state().licences.find((l) => l.Name === 'Salesforce Integration')?.UsedLicenses;
    const again = await h.run(() => h.services.connection.planAndRun('reconnect'));
    expect(again.status).toBe('connected');
    expect(again.details?.user.id).toBe(before?.user.id);
    expect(h.emulator.state().licences.find((l) => l.Name === 'Salesforce Integration')?.UsedLicenses).toBe(seatsBefore);
    expect(h.emulator.state().users.filter((u) => u.Username.endsWith('.agent-connections.invalid'))).toHaveLength(1);
  });
});

async function adminToken(h: Harness): Promise<string> {
  const token = (await h.session()).connection.accessToken;
  if (!token) throw new Error('no admin token');
  return token;
}
