import { describe, expect, it } from 'vitest';
import { defaultAccessProfile } from '../../common';
import type { SObjectDescribe } from '../salesforce/schemas';
import { fieldPermissionNames, resolveAccess } from './grants';

const field = (name: string, permissionable = true) => ({ name, label: name, type: 'string', custom: name.endsWith('__c'), permissionable, updateable: true });
const describes = new Map<string, SObjectDescribe>([
  ['contact', { name: 'Contact', label: 'Contact', custom: false, fields: [field('Id', false), field('Email'), field('AccountId'), field('Name', false)] }],
]);

describe('resolving the access profile against the describe', () => {
  it('sends FieldPermissions only for permissionable fields and still lists the others as readable', () => {
    const access = resolveAccess({ objects: [{ object: 'contact', fields: ['email', 'Name'], viewAllRecords: false, edit: false }] }, describes);
    expect(access.unknown).toEqual([]);
    expect(fieldPermissionNames(access.grants)).toEqual(['Contact.Email']);
    expect(access.grants.find((g) => g.field === 'Name')).toMatchObject({ read: true, viaFieldPermission: false });
    expect(access.grants.find((g) => g.field === null)).toMatchObject({ object: 'Contact', read: true, edit: false, viewAllRecords: false });
  });

  it('names objects and fields the org does not have', () => {
    const access = resolveAccess(defaultAccessProfile, describes);
    expect(access.unknown).toContain('Account');
    expect(access.unknown).toContain('Contact.Title');
  });
});
