import { describe, expect, it } from 'vitest';
import { expectError, signedInEmulator, signIn } from './test-helpers';

const t = signedInEmulator();

interface Created {
  id: string;
  success: boolean;
}

describe('permission set groups (fact ADMIN-RIGHTS-SOURCES)', () => {
  it("a group assignment gives the user what the group's sets grant, through its aggregate permission set", async () => {
    const userId = t.emu.users.nonAdmin.userId;
    const seller = await signIn(t.emu, 'nonAdmin');
    const refused = await expectError(() => seller.sobject('PermissionSet').create({ Name: 'Seller_Made', Label: 'Seller made' }));
    expect(refused.errorCode).toBe('INSUFFICIENT_ACCESS_OR_READONLY');

    const ps = (await t.conn
      .sobject('PermissionSet')
      .create({ Name: 'User_Admin', Label: 'User admin', PermissionsManageUsers: true })) as Created;
    const group = (await t.conn.sobject('PermissionSetGroup').create({ DeveloperName: 'Helpers', MasterLabel: 'Helpers' })) as Created;
    await t.conn.sobject('PermissionSetGroupComponent').create({ PermissionSetGroupId: group.id, PermissionSetId: ps.id });
    const assignment = (await t.conn
      .sobject('PermissionSetAssignment')
      .create({ AssigneeId: userId, PermissionSetGroupId: group.id })) as Created;
    expect(assignment.success).toBe(true);

    const rows = await t.conn.query<{
      PermissionSetGroupId: string | null;
      PermissionSet: { Type: string; PermissionsManageUsers: boolean };
    }>(
      `SELECT PermissionSetGroupId, PermissionSet.Type, PermissionSet.PermissionsManageUsers FROM PermissionSetAssignment WHERE AssigneeId = '${userId}'`,
    );
    const viaGroup = rows.records.find((r) => r.PermissionSetGroupId === group.id);
    expect(viaGroup?.PermissionSet).toMatchObject({ Type: 'Group', PermissionsManageUsers: true });
    expect(rows.records.some((r) => r.PermissionSet.Type === 'Profile')).toBe(true);

    const made = (await seller.sobject('PermissionSet').create({ Name: 'Seller_Made', Label: 'Seller made' })) as Created;
    expect(made.success).toBe(true);
  });

  it('deleting the group takes its aggregate set and assignments with it', async () => {
    const group = (await t.conn.sobject('PermissionSetGroup').create({ DeveloperName: 'Gone', MasterLabel: 'Gone' })) as Created;
    await t.conn.sobject('PermissionSetAssignment').create({ AssigneeId: t.emu.users.nonAdmin.userId, PermissionSetGroupId: group.id });
    await t.conn.sobject('PermissionSetGroup').destroy(group.id);
    const left = await t.conn.query(`SELECT Id FROM PermissionSetAssignment WHERE PermissionSetGroupId = '${group.id}'`);
    expect(left.totalSize).toBe(0);
    expect((await t.conn.query("SELECT Id FROM PermissionSet WHERE Type = 'Group'")).totalSize).toBe(0);
  });

  it('an assignment names a permission set or a group', async () => {
    const none = await expectError(() => t.conn.sobject('PermissionSetAssignment').create({ AssigneeId: t.emu.users.nonAdmin.userId }));
    expect(none.errorCode).toBe('REQUIRED_FIELD_MISSING');
  });
});
