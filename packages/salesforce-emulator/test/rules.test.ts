import { describe, expect, it } from 'vitest';
import {
  createIntegrationUser,
  expectError,
  integrationProfileId,
  pslId,
  restFetch,
  signedInEmulator,
  signIn,
  userBody,
} from './test-helpers';
import { startEmulator } from '../index';

const t = signedInEmulator();

describe('User rules (facts USER-USERNAME, USER-DELETE, INTEGRATION-SEATS)', () => {
  it('requires the documented fields', async () => {
    const res = await restFetch(t.emu, t.conn.accessToken ?? '', '/sobjects/User', {
      method: 'POST',
      body: JSON.stringify({ LastName: 'X' }),
    });
    expect(res.status).toBe(400);
    const err = (res.body as { errorCode: string; fields: string[] }[])[0];
    expect(err?.errorCode).toBe('REQUIRED_FIELD_MISSING');
    for (const f of ['Username', 'Email', 'Alias', 'TimeZoneSidKey', 'LocaleSidKey', 'EmailEncodingKey', 'LanguageLocaleKey', 'ProfileId'])
      expect(err?.fields).toContain(f);
  });

  it('usernames are unique across every emulated org, case-insensitively, and stay reserved after deactivation', async () => {
    const user = await createIntegrationUser(t.conn);
    const profileId = await integrationProfileId(t.conn);
    const same = await restFetch(t.emu, t.conn.accessToken ?? '', '/sobjects/User', {
      method: 'POST',
      body: JSON.stringify(userBody(profileId, user.username.toUpperCase())),
    });
    expect(same.body).toEqual([
      {
        message:
          "Duplicate Username.<br>The username already exists in this or another Salesforce organization. Usernames must be unique across all Salesforce organizations. To resolve, use a different username (it doesn't need to match the user's email address).",
        errorCode: 'DUPLICATE_USERNAME',
        fields: ['Username'],
      },
    ]);
    await t.conn.sobject('User').update({ Id: user.id, IsActive: false });
    const other = await startEmulator();
    try {
      const otherConn = await signIn(other);
      expect(other.admin.username).not.toBe(t.emu.admin.username);
      const otherProfile = await integrationProfileId(otherConn);
      const cross = await expectError(() => otherConn.sobject('User').create(userBody(otherProfile, user.username)));
      expect(cross.errorCode).toBe('DUPLICATE_USERNAME');
    } finally {
      await other.stop();
    }
  });

  it('rejects duplicate nicknames, long aliases and deletes', async () => {
    const profileId = await integrationProfileId(t.conn);
    await t.conn.sobject('User').create({ ...userBody(profileId), CommunityNickname: 'agent-nick' });
    const nick = await expectError(() => t.conn.sobject('User').create({ ...userBody(profileId), CommunityNickname: 'Agent-Nick' }));
    expect(nick.errorCode).toBe('DUPLICATE_COMM_NICKNAME');
    const alias = await expectError(() => t.conn.sobject('User').create({ ...userBody(profileId), Alias: 'waytoolong' }));
    expect(alias.errorCode).toBe('STRING_TOO_LONG');
    const del = await restFetch(t.emu, t.conn.accessToken ?? '', `/sobjects/User/${t.emu.users.nonAdmin.userId}`, { method: 'DELETE' });
    expect(del).toMatchObject({ status: 405, body: [{ errorCode: 'METHOD_NOT_ALLOWED' }] });
  });

  it('counts Salesforce Integration seats; deactivation frees one, reactivation needs one', async () => {
    const users: { id: string; username: string }[] = [];
    for (let i = 0; i < 5; i++) users.push(await createIntegrationUser(t.conn));
    expect(t.emu.state().licences.find((l) => l.Name === 'Salesforce Integration')).toMatchObject({ TotalLicenses: 5, UsedLicenses: 5 });
    const sixth = await expectError(() => createIntegrationUser(t.conn));
    expect(sixth.errorCode).toBe('LICENSE_LIMIT_EXCEEDED');
    const raw = await restFetch(t.emu, t.conn.accessToken ?? '', '/sobjects/User', {
      method: 'POST',
      body: JSON.stringify(userBody(await integrationProfileId(t.conn))),
    });
    expect(raw.body).toEqual([{ message: 'License Limit Exceeded', errorCode: 'LICENSE_LIMIT_EXCEEDED', fields: [] }]);
    await t.conn.sobject('User').update({ Id: users[0]?.id ?? '', IsActive: false });
    const used = await t.conn.query<{ UsedLicenses: number }>("SELECT UsedLicenses FROM UserLicense WHERE Name = 'Salesforce Integration'");
    expect(used.records[0]?.UsedLicenses).toBe(4);
    const replacement = await createIntegrationUser(t.conn);
    expect(replacement.id).toBeTruthy();
    const reactivate = await expectError(() => t.conn.sobject('User').update({ Id: users[0]?.id ?? '', IsActive: true }));
    expect(reactivate.errorCode).toBe('LICENSE_LIMIT_EXCEEDED');
  });
});

describe('permission rules (facts INTEGRATION-USER-LICENCE, PERMISSION-DEPENDENCIES)', () => {
  async function newSet(name = 'Agent_Access'): Promise<string> {
    const ps = await t.conn.sobject('PermissionSet').create({ Name: name, Label: name.replace(/_/g, ' ') });
    return ps.success ? ps.id : '';
  }

  it('needs the integration PSL before assigning a set that grants standard-object access', async () => {
    const user = await createIntegrationUser(t.conn);
    const ps = await newSet();
    await t.conn.sobject('ObjectPermissions').create({ ParentId: ps, SobjectType: 'Account', PermissionsRead: true });
    const res = await restFetch(t.emu, t.conn.accessToken ?? '', '/sobjects/PermissionSetAssignment', {
      method: 'POST',
      body: JSON.stringify({ AssigneeId: user.id, PermissionSetId: ps }),
    });
    expect(res.body).toEqual([
      { message: "The user license doesn't allow the permission: Read Account", errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: [] },
    ]);
    await t.conn.sobject('PermissionSetLicenseAssign').create({ AssigneeId: user.id, PermissionSetLicenseId: await pslId(t.conn) });
    const ok = await t.conn.sobject('PermissionSetAssignment').create({ AssigneeId: user.id, PermissionSetId: ps });
    expect(ok.success).toBe(true);
    const dup = await restFetch(t.emu, t.conn.accessToken ?? '', '/sobjects/PermissionSetAssignment', {
      method: 'POST',
      body: JSON.stringify({ AssigneeId: user.id, PermissionSetId: ps }),
    });
    expect(dup.body).toEqual([
      {
        message: `Duplicate PermissionSetAssignment. Assignee: ${user.id}, Permission Set: ${ps}`,
        errorCode: 'DUPLICATE_VALUE',
        fields: [],
      },
    ]);
    expect(t.emu.state().permissionSetLicenseAssigns).toHaveLength(1);
  });

  it('enforces ObjectPermissions dependencies', async () => {
    const ps = await newSet();
    const edit = await expectError(() =>
      t.conn.sobject('ObjectPermissions').create({ ParentId: ps, SobjectType: 'Contact', PermissionsEdit: true }),
    );
    expect(edit).toMatchObject({
      errorCode: 'FIELD_INTEGRITY_EXCEPTION',
      message: 'Permission Edit Contact depends on permission(s): Read Contact',
    });
    const del = await expectError(() =>
      t.conn.sobject('ObjectPermissions').create({ ParentId: ps, SobjectType: 'Contact', PermissionsRead: true, PermissionsDelete: true }),
    );
    expect(del.message).toContain('Edit Contact');
    const modifyAll = await expectError(() =>
      t.conn.sobject('ObjectPermissions').create({
        ParentId: ps,
        SobjectType: 'Lead',
        PermissionsRead: true,
        PermissionsEdit: true,
        PermissionsDelete: true,
        PermissionsModifyAllRecords: true,
      }),
    );
    expect(modifyAll.message).toContain('View All Lead');
    const bad = await expectError(() =>
      t.conn.sobject('ObjectPermissions').create({ ParentId: ps, SobjectType: 'Nope__c', PermissionsRead: true }),
    );
    expect(bad.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(
      (
        await t.conn
          .sobject('ObjectPermissions')
          .create({ ParentId: ps, SobjectType: 'Competitor__c', PermissionsRead: true, PermissionsCreate: true })
      ).success,
    ).toBe(true);
  });

  it('accepts FieldPermissions only on permissionable fields in Object.Field form; Edit needs Read', async () => {
    const ps = await newSet();
    const name = await expectError(() =>
      t.conn.sobject('FieldPermissions').create({ ParentId: ps, SobjectType: 'Account', Field: 'Account.Name', PermissionsRead: true }),
    );
    expect(name).toMatchObject({
      errorCode: 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      message: 'Field Name: bad value for restricted picklist field: Account.Name',
    });
    const bare = await expectError(() =>
      t.conn.sobject('FieldPermissions').create({ ParentId: ps, SobjectType: 'Account', Field: 'Industry', PermissionsRead: true }),
    );
    expect(bare.errorCode).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    const editOnly = await expectError(() =>
      t.conn.sobject('FieldPermissions').create({ ParentId: ps, SobjectType: 'Account', Field: 'Account.Industry', PermissionsEdit: true }),
    );
    expect(editOnly.errorCode).toBe('FIELD_INTEGRITY_EXCEPTION');
    expect(
      (
        await t.conn
          .sobject('FieldPermissions')
          .create({ ParentId: ps, SobjectType: 'Contact', Field: 'Contact.AccountId', PermissionsRead: true })
      ).success,
    ).toBe(true);
    expect(
      (
        await t.conn
          .sobject('FieldPermissions')
          .create({ ParentId: ps, SobjectType: 'Account', Field: 'Account.Tier__c', PermissionsRead: true })
      ).success,
    ).toBe(true);
  });

  it('validates permission set names and refuses deleting an assigned set', async () => {
    for (const bad of ['1Agent', 'Agent__Read', 'Agent_', 'Agent Read', 'A'.repeat(81)]) {
      const err = await expectError(() => t.conn.sobject('PermissionSet').create({ Name: bad, Label: 'x' }));
      expect(['FIELD_INTEGRITY_EXCEPTION', 'STRING_TOO_LONG']).toContain(err.errorCode);
    }
    const ps = await newSet('Agent_Dup');
    const dup = await expectError(() => t.conn.sobject('PermissionSet').create({ Name: 'agent_dup', Label: 'x' }));
    expect(dup.errorCode).toBe('DUPLICATE_DEVELOPER_NAME');
    const assignment = await t.conn
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: t.emu.users.nonAdmin.userId, PermissionSetId: ps });
    const blocked = await expectError(() => t.conn.sobject('PermissionSet').destroy(ps));
    expect(blocked.errorCode).toBe('DELETE_FAILED');
    await t.conn.sobject('PermissionSetAssignment').destroy(assignment.success ? assignment.id : '');
    expect((await t.conn.sobject('PermissionSet').destroy(ps)).success).toBe(true);
  });

  it('the integration profile is API-only and grants no data access by itself', async () => {
    const res = await t.conn.query<{ PermissionsApiUserOnly: boolean; UserLicense: { Name: string } }>(
      "SELECT PermissionsApiUserOnly, UserLicense.Name FROM Profile WHERE Name = 'Minimum Access - API Only Integrations'",
    );
    expect(res.records[0]).toMatchObject({ PermissionsApiUserOnly: true, UserLicense: { Name: 'Salesforce Integration' } });
    const owned = await t.conn.query<{ Id: string }>(
      "SELECT Id FROM PermissionSet WHERE IsOwnedByProfile = true AND Profile.Name = 'Minimum Access - API Only Integrations'",
    );
    const ops = await t.conn.query(`SELECT Id FROM ObjectPermissions WHERE ParentId = '${owned.records[0]?.Id ?? ''}'`);
    expect(ops.totalSize).toBe(0);
  });
});
