import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { withAddedFields } from '../../../common';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const ACTIVITIES = ['Task', 'Event'];
const objectRows = (h: Harness) => h.emulator.state().objectPermissions.map((o) => String(o.SobjectType));
const fieldRows = (h: Harness) => h.emulator.state().fieldPermissions.map((f) => String(f.Field));

/** Enable, health check, Update access and Disable with the default profile (which reads tasks and events). */
async function fullCycle(activityObjectPermissions: 'rejected' | 'accepted'): Promise<{ objects: string[]; fields: string[] }> {
  harness = await startHarness({ activationDelayMs: 0, switches: { activityObjectPermissions } });
  const h = harness;
  const enabled = await h.run(() => h.services.connection.planAndRun('enable'));
  expect(enabled.error).toBeUndefined();
  expect(enabled.status).toBe('connected');
  const objects = objectRows(h);
  const fields = fieldRows(h);

  const health = await h.services.connection.check();
  expect(health.status).toBe('connected');
  expect(health.drift).toMatchObject({ missingObjects: [], missingFields: [], extraGrants: [] });

  // Location takes field permissions on Event; DurationInMinutes does not (the org's FieldPermissions picklist says).
  await h.services.agent.updateAccessProfile(withAddedFields(h.services.agent.accessProfile(), 'Event', ['Location', 'DurationInMinutes']));
  const updated = await h.run(() => h.services.connection.planAndRun('updateAccess'));
  expect(updated.status).toBe('connected');
  expect(fieldRows(h)).toContain('Event.Location');
  expect(fieldRows(h)).not.toContain('Event.DurationInMinutes');
  expect(updated.details?.grants).toContainEqual(
    expect.objectContaining({ object: 'Event', field: 'DurationInMinutes', viaFieldPermission: false }),
  );
  expect((await h.services.connection.check()).status).toBe('connected');

  const off = await h.run(() => h.services.connection.planAndRun('disable'));
  expect(off.status).toBe('off');
  expect(h.emulator.state().permissionSets).toHaveLength(0);
  return { objects, fields };
}

describe('activities get field permissions only when the org takes no object permissions for them', () => {
  it('rejected (as Salesforce): no ObjectPermissions row for Task or Event, yet their fields are granted and verified', async () => {
    const { objects, fields } = await fullCycle('rejected');
    expect(objects).toEqual(expect.arrayContaining(['Account', 'Contact', 'Opportunity', 'Lead', 'Product2']));
    for (const activity of ACTIVITIES) expect(objects).not.toContain(activity);
    expect(fields).toEqual(expect.arrayContaining(['Task.Description', 'Task.ActivityDate', 'Event.Description']));
    // Subject is the activities' name field and Event.ActivityDate has no FLS: readable with the record, never a FieldPermissions row.
    expect(fields).not.toContain('Task.Subject');
    expect(fields).not.toContain('Event.ActivityDate');
  });

  it('rejected: the connection details show tasks and events as reached through their parent records', async () => {
    harness = await startHarness({ activationDelayMs: 0 });
    const h = harness;
    const enabled = await h.run(() => h.services.connection.planAndRun('enable'));
    const task = enabled.details?.grants.find((g) => g.object === 'Task' && g.field === null);
    expect(task).toMatchObject({ throughParentRecords: true, viewAllRecords: false });
    expect(enabled.details?.grants.find((g) => g.object === 'Account' && g.field === null)?.throughParentRecords).not.toBe(true);
  });

  it('accepted: an org that lists activities in the picklist gets their ObjectPermissions rows', async () => {
    const { objects } = await fullCycle('accepted');
    for (const activity of ACTIVITIES) expect(objects).toContain(activity);
  });
});
