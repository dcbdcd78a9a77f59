import type { Connection } from 'jsforce';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, signedInEmulator, signIn } from './test-helpers';
import { startEmulator, type StartedEmulator } from '../index';

interface PicklistField {
  name: string;
  picklistValues?: { value: string; active: boolean }[] | null;
}

async function objectPermissionTypes(conn: Connection): Promise<string[]> {
  const described = await conn.sobject('ObjectPermissions').describe();
  const field = (described.fields as PicklistField[]).find((f) => f.name === 'SobjectType');
  return (field?.picklistValues ?? []).filter((v) => v.active).map((v) => v.value);
}

async function newSet(conn: Connection): Promise<string> {
  const name = `Facts_${Math.random().toString(36).slice(2, 8)}`;
  const created = await conn.sobject('PermissionSet').create({ Name: name, Label: name });
  if (!created.success) throw new Error(JSON.stringify(created));
  return created.id;
}

describe('activities and ObjectPermissions (facts ACTIVITY-OBJECT-PERMISSIONS, OBJECT-PERMISSIONS-PICKLIST)', () => {
  describe('activityObjectPermissions=rejected (default)', () => {
    const t = signedInEmulator();

    it('leaves Task and Event out of the SobjectType picklist and refuses rows for them', async () => {
      const types = await objectPermissionTypes(t.conn);
      expect(types).toEqual(expect.arrayContaining(['Account', 'Contact', 'Lead', 'Opportunity', 'Product2', 'Competitor__c']));
      expect(types).not.toContain('Task');
      expect(types).not.toContain('Event');
      expect(types).not.toContain('PermissionSet');
      const ps = await newSet(t.conn);
      const task = await expectError(() =>
        t.conn.sobject('ObjectPermissions').create({ ParentId: ps, SobjectType: 'Task', PermissionsRead: true }),
      );
      expect(task).toMatchObject({
        errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
        message: 'Object Name: bad value for restricted picklist field: Task',
      });
      // Their fields still take field permissions.
      expect(
        (
          await t.conn
            .sobject('FieldPermissions')
            .create({ ParentId: ps, SobjectType: 'Task', Field: 'Task.Description', PermissionsRead: true })
        ).success,
      ).toBe(true);
    });

    it('shows a user the activities of the records they can read, without any object permission', async () => {
      const user = await signIn(t.emu, 'nonAdmin');
      const granted = await t.conn.query<{ SobjectType: string }>("SELECT SobjectType FROM ObjectPermissions WHERE SobjectType = 'Task'");
      expect(granted.totalSize).toBe(0);
      const tasks = await user.query<{ Subject: string }>('SELECT Id, Subject, WhoId, WhatId FROM Task');
      expect(tasks.totalSize).toBeGreaterThan(0);
      const events = await user.query('SELECT Id, Description FROM Event');
      expect(events.totalSize).toBeGreaterThan(0);
    });
  });

  describe('activityObjectPermissions=accepted', () => {
    let emu: StartedEmulator;
    beforeAll(async () => {
      emu = await startEmulator({ switches: { activityObjectPermissions: 'accepted' } });
    });
    afterAll(() => emu.stop());

    it('lists Task and Event in the picklist and takes rows for them', async () => {
      const conn = await signIn(emu);
      expect(await objectPermissionTypes(conn)).toEqual(expect.arrayContaining(['Task', 'Event', 'Account']));
      const ps = await newSet(conn);
      expect((await conn.sobject('ObjectPermissions').create({ ParentId: ps, SobjectType: 'Task', PermissionsRead: true })).success).toBe(
        true,
      );
    });
  });
});

describe('describe reports the field flags of a real org (fact FIELD-PERMISSIONABLE)', () => {
  const t = signedInEmulator();

  const expected: [string, string, Record<string, unknown>][] = [
    [
      'Account',
      'Name',
      { type: 'string', length: 255, permissionable: false, nillable: false, createable: true, updateable: true, nameField: true },
    ],
    ['Account', 'Industry', { type: 'picklist', permissionable: true, nillable: true }],
    ['Account', 'OwnerId', { type: 'reference', permissionable: false, nillable: false, defaultedOnCreate: true }],
    ['Account', 'CreatedDate', { type: 'datetime', permissionable: false, createable: false, updateable: false }],
    ['Contact', 'LastName', { type: 'string', length: 80, permissionable: false, nillable: false, createable: true, updateable: true }],
    ['Contact', 'FirstName', { type: 'string', length: 40, permissionable: false, nillable: true, createable: true, updateable: true }],
    ['Contact', 'Name', { type: 'string', permissionable: false, createable: false, updateable: false, nameField: true }],
    ['Contact', 'Email', { type: 'email', permissionable: true, nillable: true }],
    ['Contact', 'AccountId', { type: 'reference', permissionable: true, nillable: true }],
    ['Lead', 'LastName', { permissionable: false, nillable: false }],
    ['Lead', 'Company', { type: 'string', permissionable: false, nillable: false }],
    ['Lead', 'Status', { type: 'picklist', permissionable: false, nillable: false, defaultedOnCreate: true }],
    ['Lead', 'Rating', { type: 'picklist', permissionable: true }],
    ['Opportunity', 'Name', { type: 'string', length: 120, permissionable: false, nillable: false }],
    ['Opportunity', 'StageName', { type: 'picklist', permissionable: false, nillable: false }],
    ['Opportunity', 'CloseDate', { type: 'date', permissionable: false, nillable: false }],
    ['Opportunity', 'ExpectedRevenue', { type: 'currency', permissionable: true, createable: false, updateable: false, calculated: true }],
    ['Product2', 'IsActive', { type: 'boolean', permissionable: true, nillable: false, defaultedOnCreate: true }],
    ['Task', 'Subject', { type: 'combobox', permissionable: false, nillable: true, createable: true, updateable: true, nameField: true }],
    ['Task', 'ActivityDate', { type: 'date', permissionable: true, nillable: true }],
    ['Event', 'Subject', { type: 'combobox', permissionable: false, nillable: true }],
    // The recorded Event describe (fact ACTIVITY-DESCRIBES): its dates and duration carry no FLS.
    ['Event', 'ActivityDate', { type: 'date', permissionable: false }],
    ['Event', 'StartDateTime', { type: 'datetime', permissionable: false }],
    ['Event', 'EndDateTime', { type: 'datetime', permissionable: false }],
    ['Event', 'DurationInMinutes', { type: 'int', permissionable: false }],
    ['Event', 'Location', { type: 'string', permissionable: true }],
  ];

  it('for the standard fields the agent reads', async () => {
    const cache = new Map<string, { name: string }[]>();
    for (const [object, name, flags] of expected) {
      const fields = cache.get(object) ?? (await t.conn.sobject(object).describe()).fields;
      cache.set(object, fields);
      expect(
        fields.find((f) => f.name === name),
        `${object}.${name}`,
      ).toMatchObject(flags);
    }
  });

  it('refuses field permissions for a field that is not permissionable', async () => {
    const ps = await newSet(t.conn);
    const first = await expectError(() =>
      t.conn
        .sobject('FieldPermissions')
        .create({ ParentId: ps, SobjectType: 'Contact', Field: 'Contact.FirstName', PermissionsRead: true }),
    );
    expect(first.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
  });
});

describe('the FieldPermissions.Field picklist (facts FIELD-PERMISSIONS-PICKLIST, ACTIVITY-DESCRIBES)', () => {
  const t = signedInEmulator();

  async function picklist(name: 'Field' | 'SobjectType'): Promise<string[]> {
    const described = await t.conn.sobject('FieldPermissions').describe();
    const field = (described.fields as PicklistField[]).find((f) => f.name === name);
    return (field?.picklistValues ?? []).filter((v) => v.active).map((v) => v.value);
  }

  it('lists the activity fields a recorded real org lists, Type included, and none without FLS', async () => {
    const fields = await picklist('Field');
    for (const name of ['Event.Description', 'Event.IsAllDayEvent', 'Event.Location', 'Event.Type', 'Event.What', 'Event.WhatId'])
      expect(fields).toContain(name);
    for (const name of ['Task.ActivityDate', 'Task.Description', 'Task.Type', 'Task.Who', 'Task.WhoId']) expect(fields).toContain(name);
    for (const name of ['Event.ActivityDate', 'Event.StartDateTime', 'Event.DurationInMinutes', 'Event.Subject', 'Task.Status'])
      expect(fields).not.toContain(name);
    expect(await picklist('SobjectType')).toEqual(expect.arrayContaining(['Task', 'Event', 'Account']));
  });

  it('hides Type from the admin describe, as the recorded describes do, yet takes field permissions for it', async () => {
    for (const object of ['Task', 'Event']) {
      const described = await t.conn.sobject(object).describe();
      expect(described.fields.map((f) => f.name)).not.toContain('Type');
    }
    const ps = await newSet(t.conn);
    const row = await t.conn
      .sobject('FieldPermissions')
      .create({ ParentId: ps, SobjectType: 'Event', Field: 'Event.Type', PermissionsRead: true });
    expect(row.success).toBe(true);
  });
});
