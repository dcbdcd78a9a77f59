import { describe, expect, it } from 'vitest';
import { expectError, restFetch, signedInEmulator, signIn, VERSION } from './test-helpers';
import { startEmulator } from '../index';

const t = signedInEmulator();

describe('versions, resources, describe', () => {
  it('lists every version from v50.0 to v68.0 and serves each of them', async () => {
    const res = await fetch(`${t.emu.instanceUrl}/services/data`);
    const versions = ((await res.json()) as { version: string }[]).map((v) => v.version);
    expect(versions[0]).toBe('50.0');
    expect(versions.at(-1)).toBe('68.0');
    expect(versions).toHaveLength(19);
    const v50 = await restFetch(t.emu, t.conn.accessToken ?? '', '/limits'.replace('', ''));
    expect(v50.status).toBe(200);
    const old = await fetch(`${t.emu.instanceUrl}/services/data/v50.0/sobjects`, {
      headers: { authorization: `Bearer ${t.conn.accessToken ?? ''}` },
    });
    expect(old.status).toBe(200);
    const tooNew = await fetch(`${t.emu.instanceUrl}/services/data/v69.0/sobjects`, {
      headers: { authorization: `Bearer ${t.conn.accessToken ?? ''}` },
    });
    expect(tooNew.status).toBe(404);
  });

  it('describeGlobal lists the issue objects, and describe marks permissionable/nillable/custom', async () => {
    const global = await t.conn.describeGlobal();
    const names = global.sobjects.map((s) => s.name);
    for (const n of [
      'Account',
      'Contact',
      'Lead',
      'Opportunity',
      'Product2',
      'Task',
      'Event',
      'User',
      'Profile',
      'UserLicense',
      'PermissionSet',
      'PermissionSetLicense',
      'PermissionSetLicenseAssign',
      'PermissionSetAssignment',
      'ObjectPermissions',
      'FieldPermissions',
      'Organization',
      'ExternalClientApplication',
      'Competitor__c',
    ])
      expect(names).toContain(n);
    const account = await t.conn.sobject('Account').describe();
    const f = (name: string) => account.fields.find((x) => x.name === name);
    expect(f('Name')).toMatchObject({ permissionable: false, nillable: false, type: 'string', createable: true });
    expect(f('Id')).toMatchObject({ permissionable: false, type: 'id', createable: false });
    expect(f('CreatedDate')).toMatchObject({ permissionable: false, type: 'datetime' });
    expect(f('Industry')).toMatchObject({ permissionable: true, nillable: true, type: 'picklist', custom: false });
    expect(f('Tier__c')).toMatchObject({ permissionable: true, custom: true });
    const opp = await t.conn.sobject('Opportunity').describe();
    expect(opp.fields.find((x) => x.name === 'ExpectedRevenue')).toMatchObject({ permissionable: true, updateable: false });
    for (const [obj, fields] of Object.entries({
      Contact: ['AccountId', 'Email', 'MobilePhone', 'Phone', 'Title', 'Preferred_Channel__c'],
      Lead: ['Email', 'Title', 'Description', 'LeadSource', 'Rating', 'Phone', 'Score__c'],
      Product2: ['Description'],
      Task: ['Description', 'ActivityDate', 'WhoId', 'WhatId'],
      Event: ['Description', 'WhoId', 'WhatId', 'Location', 'IsAllDayEvent'],
      Opportunity: ['Amount', 'AccountId', 'Forecast_Notes__c'],
    })) {
      const d = await t.conn.sobject(obj).describe();
      for (const name of fields) expect(d.fields.find((x) => x.name === name)?.permissionable, `${obj}.${name}`).toBe(true);
    }
  });

  it('can add N benchmark custom fields on an object', async () => {
    const bench = await startEmulator({ extraCustomFields: { object: 'Account', count: 1000 }, seed: 'empty' });
    try {
      const c = await signIn(bench);
      const d = await c.sobject('Account').describe();
      expect(d.fields.filter((f) => f.name.startsWith('Bench_Field_'))).toHaveLength(1000);
      expect(d.fields.some((f) => f.name === 'Bench_Field_1000__c')).toBe(true);
      expect((await c.query('SELECT COUNT() FROM Account')).totalSize).toBe(0);
    } finally {
      await bench.stop();
    }
  });
});

describe('sObject CRUD and REST shapes', () => {
  it('creates (201), retrieves, updates (204) and deletes (204) through jsforce and raw HTTP', async () => {
    const created = await t.conn.sobject('Account').create({ Name: 'Emu Test Co', Tier__c: 'Gold' });
    expect(created).toMatchObject({ success: true, errors: [] });
    const id = created.success ? created.id : '';
    expect(id).toMatch(/^001[a-zA-Z0-9]{15}$/);
    const rec = await t.conn.sobject('Account').retrieve(id);
    expect(rec).toMatchObject({ Name: 'Emu Test Co', Tier__c: 'Gold', OwnerId: t.emu.admin.userId });
    await t.conn.sobject('Account').update({ Id: id, Name: 'Renamed' });
    const raw = await restFetch(t.emu, t.conn.accessToken ?? '', `/sobjects/Account/${id}`, {
      method: 'PATCH',
      body: JSON.stringify({ Industry: 'Retail' }),
    });
    expect(raw.status).toBe(204);
    const del = await restFetch(t.emu, t.conn.accessToken ?? '', `/sobjects/Account/${id}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    const gone = await restFetch(t.emu, t.conn.accessToken ?? '', `/sobjects/Account/${id}`);
    expect(gone).toMatchObject({ status: 404, body: [{ errorCode: 'NOT_FOUND' }] });
    const post = await restFetch(t.emu, t.conn.accessToken ?? '', '/sobjects/Account', {
      method: 'POST',
      body: JSON.stringify({ Name: 'Raw' }),
    });
    expect(post.status).toBe(201);
    expect(post.contentType).toBe('application/json;charset=UTF-8');
  });

  it('returns error arrays with errorCode/fields and the right status codes', async () => {
    const missing = await restFetch(t.emu, t.conn.accessToken ?? '', '/sobjects/Account', {
      method: 'POST',
      body: JSON.stringify({ Industry: 'Retail' }),
    });
    expect(missing.status).toBe(400);
    expect(missing.contentType).toBe('application/json;charset=UTF-8');
    expect(missing.body).toEqual([
      { message: 'Required fields are missing: [Name]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Name'] },
    ]);
    const unknown = await expectError(() => t.conn.sobject('Account').create({ Name: 'x', Nope__c: 1 }));
    expect(unknown.errorCode).toBe('INVALID_FIELD');
    const readOnly = await expectError(() =>
      t.conn.sobject('Opportunity').create({ Name: 'x', StageName: 'Proposal', CloseDate: '2026-01-01', ExpectedRevenue: 5 }),
    );
    expect(readOnly.errorCode).toBe('INVALID_FIELD_FOR_INSERT_UPDATE');
    const noType = await restFetch(t.emu, t.conn.accessToken ?? '', '/sobjects/Nope__c', { method: 'POST', body: '{}' });
    expect(noType.status).toBe(404);
    const badRef = await expectError(() => t.conn.sobject('Contact').create({ LastName: 'x', AccountId: '001000000000000AAA' }));
    expect(badRef.errorCode).toBe('INVALID_CROSS_REFERENCE_KEY');
    const unauth = await restFetch(t.emu, 'bogus', '/sobjects');
    expect(unauth.status).toBe(401);
  });

  it('serves limits', async () => {
    const limits = await t.conn.limits();
    const daily = limits.DailyApiRequests;
    expect(daily?.Max).toBeGreaterThan(0);
    expect(daily?.Remaining).toBeLessThan(daily?.Max ?? 0);
  });
});

describe('SOQL subset', () => {
  it('handles relationship paths (one and two levels), WHERE operators, ORDER BY, LIMIT, COUNT()', async () => {
    const profiles = await t.conn.query<{ Name: string; UserLicense: { Name: string } }>(
      "SELECT Id, Name, UserLicense.Name FROM Profile WHERE UserLicense.Name = 'Salesforce Integration'",
    );
    expect(profiles.records.map((p) => p.Name)).toEqual(['Minimum Access - API Only Integrations']);
    expect(profiles.records[0]?.UserLicense.Name).toBe('Salesforce Integration');
    const users = await t.conn.query<{ Profile: { UserLicense: { Name: string } } }>(
      `SELECT Profile.UserLicense.Name FROM User WHERE Id = '${t.emu.admin.userId.slice(0, 15)}'`,
    );
    expect(users.records[0]?.Profile.UserLicense.Name).toBe('Salesforce');
    const ordered = await t.conn.query<{ Name: string }>(
      "SELECT Name FROM Account WHERE (Tier__c = 'Gold' OR Tier__c = 'Silver') AND Name != 'Fabrikam Inc.' ORDER BY Name DESC LIMIT 2",
    );
    expect(ordered.records.map((r) => r.Name)).toEqual(['Wide World Importers', 'Tailspin Toys']);
    const inList = await t.conn.query("SELECT Id FROM Account WHERE Tier__c IN ('Bronze', 'Gold')");
    expect(inList.totalSize).toBe(3);
    const notIn = await t.conn.query("SELECT Id FROM Account WHERE Tier__c NOT IN ('Bronze', 'Gold')");
    expect(notIn.totalSize).toBe(2);
    const like = await t.conn.query<{ Name: string }>("SELECT Name FROM Account WHERE Name LIKE 'n%'");
    expect(like.records.map((r) => r.Name)).toEqual(['Northwind Traders']);
    const count = await t.conn.query('SELECT COUNT() FROM Contact WHERE Email != null');
    expect(count.totalSize).toBe(8);
    expect(count.records).toEqual([]);
    const nums = await t.conn.query(
      'SELECT Id FROM Lead WHERE Score__c >= 60 AND IsDeleted__x = null'.replace(' AND IsDeleted__x = null', ''),
    );
    expect(nums.totalSize).toBe(3);
    const semi = await t.conn.query<{ Name: string }>(
      `SELECT Name FROM User WHERE Id IN (SELECT AssigneeId FROM PermissionSetAssignment WHERE PermissionSet.IsOwnedByProfile = true AND PermissionSet.PermissionsModifyAllData = true)`,
    );
    expect(semi.records.map((r) => r.Name)).toEqual(['Dana Admin']);
  });

  it('exposes admin permissions through PermissionSetAssignment -> PermissionSet', async () => {
    const res = await t.conn.query<{ PermissionSet: Record<string, boolean> }>(
      `SELECT PermissionSet.PermissionsModifyAllData, PermissionSet.PermissionsCustomizeApplication, PermissionSet.PermissionsManageUsers, PermissionSet.PermissionsAssignPermissionSets, PermissionSet.PermissionsModifyMetadata, PermissionSet.PermissionsApiEnabled, PermissionSet.PermissionsViewSetup FROM PermissionSetAssignment WHERE AssigneeId = '${t.emu.admin.userId}'`,
    );
    expect(res.totalSize).toBe(1);
    expect(Object.values(res.records[0]?.PermissionSet ?? {}).filter((v) => v === true)).toHaveLength(7);
  });

  it('reports unknown columns/objects and malformed queries like Salesforce', async () => {
    const col = await expectError(() => t.conn.query('SELECT Id, Foo FROM Account'));
    expect(col.errorCode).toBe('INVALID_FIELD');
    expect(col.message).toContain("No such column 'Foo' on entity 'Account'.");
    const obj = await expectError(() => t.conn.query('SELECT Id FROM Foo'));
    expect(obj.errorCode).toBe('INVALID_TYPE');
    const bad = await expectError(() => t.conn.query('SELECT FROM Account'));
    expect(bad.errorCode).toBe('MALFORMED_QUERY');
  });
});

describe('record-level security for non-admin tokens', () => {
  it('hides objects without Read (INVALID_TYPE / describe NOT_FOUND) and fields without FLS (INVALID_FIELD)', async () => {
    const user = await signIn(t.emu, 'nonAdmin');
    // Account is Private in the demo (fact OWD-SOURCES): the user sees the two accounts they own.
    expect((await user.query('SELECT Id, Name, Industry FROM Account')).totalSize).toBe(2);
    const region = await expectError(() => user.query('SELECT Region__c FROM Account'));
    expect(region.errorCode).toBe('INVALID_FIELD');
    expect(region.message).toContain("No such column 'Region__c' on entity 'Account'.");
    const competitor = await expectError(() => user.query('SELECT Id FROM Competitor__c'));
    expect(competitor.errorCode).toBe('INVALID_TYPE');
    expect(competitor.message).toContain(
      "sObject type 'Competitor__c' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.",
    );
    const describe = await expectError(() => user.sobject('Competitor__c').describe());
    expect(describe.errorCode).toBe('NOT_FOUND');
    const account = await user.sobject('Account').describe();
    expect(account.fields.some((f) => f.name === 'Region__c')).toBe(false);
    const global = await user.describeGlobal();
    expect(global.sobjects.some((s) => s.name === 'Competitor__c')).toBe(false);
    const update = await expectError(() => user.sobject('Product2').create({ Name: 'x' }));
    expect(update.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');
  });

  it('describeInaccessibleObject switch gives INVALID_TYPE', async () => {
    const strict = await startEmulator({ switches: { describeInaccessibleObject: 'INVALID_TYPE' } });
    try {
      const user = await signIn(strict, 'nonAdmin');
      const err = await expectError(() => user.sobject('Competitor__c').describe());
      expect(err.errorCode).toBe('INVALID_TYPE');
    } finally {
      await strict.stop();
    }
  });
});

describe('sObject Collections', () => {
  it('creates, updates and deletes with per-record statusCode errors', async () => {
    const res = await t.conn.sobject('Account').create([{ Name: 'A1' }, { Industry: 'Retail' }, { Name: 'A3' }]);
    expect(res.map((r) => r.success)).toEqual([true, false, true]);
    const failed = res[1];
    expect(failed && !failed.success ? failed.errors[0] : undefined).toMatchObject({
      statusCode: 'REQUIRED_FIELD_MISSING',
      fields: ['Name'],
    });
    const ids = res.filter((r) => r.success).map((r) => r.id ?? '');
    const upd = await t.conn.sobject('Account').update(ids.map((Id) => ({ Id, Rating: 'Hot' })));
    expect(upd.every((r) => r.success)).toBe(true);
    const del = await t.conn.sobject('Account').destroy(ids);
    expect(del.every((r) => r.success)).toBe(true);
    const again = await t.conn.sobject('Account').destroy(ids);
    expect(again.every((r) => !r.success)).toBe(true);
  });

  it('rolls back with ALL_OR_NONE_OPERATION_ROLLED_BACK and enforces 200 records and one setup type', async () => {
    const res = await t.conn.sobject('Account').create([{ Name: 'Keep?' }, { Industry: 'Retail' }], { allOrNone: true });
    expect(res.map((r) => r.success)).toEqual([false, false]);
    const first = res[0];
    expect(first && !first.success ? first.errors[0] : undefined).toMatchObject({ statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK' });
    expect((await t.conn.query("SELECT Id FROM Account WHERE Name = 'Keep?'")).totalSize).toBe(0);

    const records = Array.from({ length: 201 }, (_, i) => ({ attributes: { type: 'Account' }, Name: `Bulk ${i}` }));
    const tooMany = await restFetch(t.emu, t.conn.accessToken ?? '', '/composite/sobjects', {
      method: 'POST',
      body: JSON.stringify({ allOrNone: false, records }),
    });
    expect(tooMany).toMatchObject({ status: 400, body: [{ errorCode: 'EXCEEDED_ID_LIMIT' }] });

    const mixed = await restFetch(t.emu, t.conn.accessToken ?? '', '/composite/sobjects', {
      method: 'POST',
      body: JSON.stringify({
        records: [
          { attributes: { type: 'PermissionSet' }, Name: 'Mix_PS', Label: 'Mix' },
          { attributes: { type: 'Account' }, Name: 'Mix' },
        ],
      }),
    });
    expect(mixed.status).toBe(200);
    expect(mixed.body).toMatchObject([{ success: true }, { success: false, errors: [{ statusCode: 'MIXED_DML_OPERATION' }] }]);
  });
});

describe('Composite', () => {
  it('resolves @{ref.id} and @{ref.records[0].Id} references', async () => {
    // The query finds the permission set only if it runs after it: an order no reference states (fact COMPOSITE-ORDER).
    const res = await t.conn.requestPost<{ compositeResponse: { httpStatusCode: number; referenceId: string; body: unknown }[] }>(
      `/services/data/v${VERSION}/composite`,
      {
        allOrNone: true,
        collateSubrequests: false,
        compositeRequest: [
          {
            method: 'POST',
            url: `/services/data/v${VERSION}/sobjects/PermissionSet`,
            referenceId: 'ps',
            body: { Name: 'Agent_Read', Label: 'Agent Read' },
          },
          {
            method: 'POST',
            url: `/services/data/v${VERSION}/sobjects/ObjectPermissions`,
            referenceId: 'op',
            body: { ParentId: '@{ps.id}', SobjectType: 'Account', PermissionsRead: true },
          },
          {
            method: 'GET',
            url: `/services/data/v${VERSION}/query?q=SELECT+Id+FROM+PermissionSet+WHERE+Name='Agent_Read'`,
            referenceId: 'q',
          },
          {
            method: 'POST',
            url: `/services/data/v${VERSION}/sobjects/FieldPermissions`,
            referenceId: 'fp',
            body: { ParentId: '@{q.records[0].Id}', SobjectType: 'Account', Field: 'Account.Industry', PermissionsRead: true },
          },
        ],
      },
    );
    expect(res.compositeResponse.map((r) => r.httpStatusCode)).toEqual([201, 201, 200, 201]);
    expect(t.emu.state().fieldPermissions).toHaveLength(1);
  });

  it('rolls back everything on failure with allOrNone and enforces the 25 / 5 limits', async () => {
    const res = await t.conn.requestPost<{ compositeResponse: { httpStatusCode: number; body: { errorCode: string }[] }[] }>(
      `/services/data/v${VERSION}/composite`,
      {
        allOrNone: true,
        compositeRequest: [
          { method: 'POST', url: `/services/data/v${VERSION}/sobjects/Account`, referenceId: 'a', body: { Name: 'Rolled' } },
          { method: 'POST', url: `/services/data/v${VERSION}/sobjects/Account`, referenceId: 'b', body: { Industry: 'x' } },
        ],
      },
    );
    expect(res.compositeResponse.map((r) => r.httpStatusCode)).toEqual([400, 400]);
    expect(res.compositeResponse[0]?.body[0]?.errorCode).toBe('PROCESSING_HALTED');
    expect(res.compositeResponse[1]?.body[0]?.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect((await t.conn.query("SELECT Id FROM Account WHERE Name = 'Rolled'")).totalSize).toBe(0);
    const q = (i: number) => ({ method: 'GET', url: `/services/data/v${VERSION}/query?q=SELECT+Id+FROM+Account`, referenceId: `q${i}` });
    const tooManyQueries = await restFetch(t.emu, t.conn.accessToken ?? '', '/composite', {
      method: 'POST',
      body: JSON.stringify({ compositeRequest: [0, 1, 2, 3, 4, 5].map(q) }),
    });
    expect(tooManyQueries.status).toBe(400);
    const sub = (i: number) => ({ method: 'GET', url: `/services/data/v${VERSION}/limits`, referenceId: `l${i}` });
    const tooMany = await restFetch(t.emu, t.conn.accessToken ?? '', '/composite', {
      method: 'POST',
      body: JSON.stringify({ compositeRequest: Array.from({ length: 26 }, (_, i) => sub(i)) }),
    });
    expect(tooMany.status).toBe(400);
    const ok = await restFetch(t.emu, t.conn.accessToken ?? '', '/composite', {
      method: 'POST',
      body: JSON.stringify({ compositeRequest: Array.from({ length: 25 }, (_, i) => sub(i)) }),
    });
    expect(ok.status).toBe(200);
  });
});
