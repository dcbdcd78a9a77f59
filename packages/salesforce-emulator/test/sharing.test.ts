import type { Connection } from 'jsforce';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startEmulator, type StartedEmulator } from '../index';
import { signIn } from './test-helpers';

/**
 * Record visibility (fact OWD-SOURCES). Sam (Standard User: Read on the sales objects, no View All, no
 * role) owns two of the demo's five accounts; the admin owns everything else and has View All Data.
 */
async function count(conn: Connection, object: string): Promise<number> {
  return (await conn.query(`SELECT COUNT() FROM ${object}`)).totalSize;
}

async function assignSet(
  admin: Connection,
  userId: string,
  fields: Record<string, boolean>,
  objectRow?: Record<string, unknown>,
): Promise<void> {
  const name = `Sharing_${Math.random().toString(36).slice(2, 8)}`;
  const ps = await admin.sobject('PermissionSet').create({ Name: name, Label: name, ...fields });
  if (!ps.success) throw new Error(JSON.stringify(ps));
  if (objectRow) await admin.sobject('ObjectPermissions').create({ ParentId: ps.id, ...objectRow });
  await admin.sobject('PermissionSetAssignment').create({ AssigneeId: userId, PermissionSetId: ps.id });
}

function emulatorWith(sharing: Parameters<typeof startEmulator>[0]): { emu: StartedEmulator; admin: Connection; sam: Connection } {
  const ctx = {} as { emu: StartedEmulator; admin: Connection; sam: Connection };
  beforeAll(async () => {
    ctx.emu = await startEmulator(sharing);
  });
  afterAll(() => ctx.emu.stop());
  beforeEach(async () => {
    ctx.emu.reset();
    ctx.admin = await signIn(ctx.emu);
    ctx.sam = await signIn(ctx.emu, 'nonAdmin');
  });
  return ctx;
}

describe('org-wide defaults as the demo org ships them', () => {
  const t = emulatorWith({});

  it('Organization names the defaults: Account Private, Contact Controlled by Parent, Opportunity Public Read Only', async () => {
    const org = await t.admin.query<Record<string, string>>(
      'SELECT DefaultAccountAccess, DefaultContactAccess, DefaultOpportunityAccess FROM Organization',
    );
    expect(org.records[0]).toMatchObject({
      DefaultAccountAccess: 'None',
      DefaultContactAccess: 'ControlledByParent',
      DefaultOpportunityAccess: 'Read',
    });
  });

  it('Private: a user sees the accounts they own; View All Data sees all', async () => {
    expect(await count(t.admin, 'Account')).toBe(5);
    expect(await count(t.sam, 'Account')).toBe(2);
    const rows = await t.sam.query<{ OwnerId: string }>('SELECT Id, OwnerId FROM Account');
    expect(rows.records.every((r) => r.OwnerId === t.emu.users.nonAdmin.userId)).toBe(true);
  });

  it('Private: an account someone else owns cannot be retrieved either', async () => {
    const theirs = await t.admin.query<{ Id: string }>(`SELECT Id FROM Account WHERE OwnerId = '${t.emu.admin.userId}' LIMIT 1`);
    const id = theirs.records[0]?.Id ?? '';
    await expect(t.sam.sobject('Account').retrieve(id)).rejects.toMatchObject({ errorCode: 'NOT_FOUND' });
  });

  it('ownership: a record the user creates is theirs to see', async () => {
    await t.sam.sobject('Account').create({ Name: 'Sam Co' });
    expect(await count(t.sam, 'Account')).toBe(3);
  });

  it('Controlled by Parent: a contact is seen with its account', async () => {
    const contacts = await t.sam.query<{ AccountId: string; Account: { OwnerId: string } }>(
      'SELECT Id, AccountId, Account.OwnerId FROM Contact',
    );
    expect(contacts.totalSize).toBe(3);
    expect(contacts.records.every((c) => c.Account.OwnerId === t.emu.users.nonAdmin.userId)).toBe(true);
    expect(await count(t.admin, 'Contact')).toBe(8);
  });

  it('Public Read Only: every opportunity is seen', async () => {
    expect(await count(t.sam, 'Opportunity')).toBe(await count(t.admin, 'Opportunity'));
  });

  it('View All on the object: every account is seen', async () => {
    await assignSet(
      t.admin,
      t.emu.users.nonAdmin.userId,
      {},
      { SobjectType: 'Account', PermissionsRead: true, PermissionsViewAllRecords: true },
    );
    expect(await count(t.sam, 'Account')).toBe(5);
    // Contacts follow the accounts now readable.
    expect(await count(t.sam, 'Contact')).toBe(8);
  });

  it('View All Data: every record of every object is seen', async () => {
    await assignSet(t.admin, t.emu.users.nonAdmin.userId, { PermissionsViewAllData: true });
    expect(await count(t.sam, 'Account')).toBe(5);
    expect(await count(t.sam, 'Contact')).toBe(8);
  });
});

describe('org-wide defaults configured otherwise', () => {
  const t = emulatorWith({ sharing: { Account: 'ReadWrite', Opportunity: 'Private', Competitor__c: 'Private' } });

  it('Public Read/Write: every account is seen, and Organization says Edit', async () => {
    expect(await count(t.sam, 'Account')).toBe(5);
    const org = await t.admin.query<Record<string, string>>('SELECT DefaultAccountAccess, DefaultOpportunityAccess FROM Organization');
    expect(org.records[0]).toMatchObject({ DefaultAccountAccess: 'Edit', DefaultOpportunityAccess: 'None' });
  });

  it("Private opportunities: none of the admin's are seen", async () => {
    expect(await count(t.sam, 'Opportunity')).toBe(0);
  });

  it("a custom object's model is on EntityDefinition and applies to its records", async () => {
    const entity = await t.admin.query<{ InternalSharingModel: string }>(
      "SELECT QualifiedApiName, InternalSharingModel FROM EntityDefinition WHERE QualifiedApiName = 'Competitor__c'",
    );
    expect(entity.records[0]?.InternalSharingModel).toBe('Private');
    await assignSet(t.admin, t.emu.users.nonAdmin.userId, {}, { SobjectType: 'Competitor__c', PermissionsRead: true });
    expect(await count(t.sam, 'Competitor__c')).toBe(0);
    expect(await count(t.admin, 'Competitor__c')).toBe(3);
  });
});
