import { describe, expect, it } from 'vitest';
import { defaultAccessProfile } from '../../common';
import type { SObjectDescribe } from '../salesforce/schemas';
import { fieldPermissionNames, needsPermissionRow, objectPermissionObjects, resolveAccess } from './grants';

const field = (name: string, permissionable = true) => ({
  name,
  label: name,
  type: 'string',
  custom: name.endsWith('__c'),
  permissionable,
  updateable: true,
});
const describes = new Map<string, SObjectDescribe>([
  [
    'contact',
    {
      name: 'Contact',
      label: 'Contact',
      custom: false,
      fields: [field('Id', false), field('Email'), field('AccountId'), field('Name', false)],
    },
  ],
  ['task', { name: 'Task', label: 'Task', custom: false, fields: [field('Id', false), field('Subject', false), field('Description')] }],
]);
/** The org's ObjectPermissions picklist: Task is missing from it, as activities are in a real org. */
const objectPermissionTypes = new Set(['contact', 'account']);
/** An org that did not list FieldPermissions.Field values: each describe's `permissionable` decides. */
const picklists = { objectPermissionTypes, fieldPermissionFields: new Set<string>() };

describe('resolving the access profile against the describe', () => {
  it('sends FieldPermissions only for permissionable fields and still lists the others as readable', () => {
    const access = resolveAccess(
      { objects: [{ object: 'contact', fields: ['email', 'Name'], viewAllRecords: false, edit: false }] },
      describes,
      picklists,
    );
    expect(access.unknown).toEqual([]);
    expect(fieldPermissionNames(access.grants)).toEqual(['Contact.Email']);
    expect(access.grants.find((g) => g.field === 'Name')).toMatchObject({ read: true, viaFieldPermission: false });
    expect(access.grants.find((g) => g.field === null)).toMatchObject({
      object: 'Contact',
      read: true,
      edit: false,
      viewAllRecords: false,
    });
  });

  it('grants only the fields of an object the org takes no object permissions for', () => {
    const profile = {
      objects: [
        { object: 'Task', fields: ['Subject', 'Description'], viewAllRecords: true, edit: false },
        { object: 'Contact', fields: ['Email'], viewAllRecords: false, edit: false },
      ],
    };
    const { grants } = resolveAccess(profile, describes, picklists);
    expect(objectPermissionObjects(grants)).toEqual(['Contact']);
    expect(fieldPermissionNames(grants)).toEqual(['Task.Description', 'Contact.Email']);
    // Shown to the admin as reached through parent records, never as View All.
    expect(grants.find((g) => g.object === 'Task' && g.field === null)).toMatchObject({
      throughParentRecords: true,
      viewAllRecords: false,
      edit: false,
    });
    expect(grants.filter(needsPermissionRow).map((g) => `${g.object}.${g.field ?? '*'}`)).toEqual([
      'Task.Description',
      'Contact.*',
      'Contact.Email',
    ]);
  });

  it('gives an object permission to an object the org lists, activities included', () => {
    const { grants } = resolveAccess(
      { objects: [{ object: 'Task', fields: ['Description'], viewAllRecords: false, edit: false }] },
      describes,
      { objectPermissionTypes: new Set(['task']), fieldPermissionFields: new Set() },
    );
    expect(objectPermissionObjects(grants)).toEqual(['Task']);
    expect(grants.some((g) => g.throughParentRecords === true)).toBe(false);
  });

  it('leaves out what the default profile lists and the org lacks, and names what the admin chose', () => {
    const access = resolveAccess(defaultAccessProfile, describes, picklists);
    expect(access.unknown).toEqual([]);
    expect(access.skipped).toEqual(expect.arrayContaining(['Account', 'Contact.Title', 'Task.Type']));
    const chosen = resolveAccess(
      {
        objects: [
          { object: 'Contact', fields: ['Email', 'Pronouns__c'], viewAllRecords: false, edit: false },
          ...defaultAccessProfile.objects.slice(0, 1),
        ],
      },
      describes,
      picklists,
    );
    expect(chosen.unknown).toEqual(['Contact.Pronouns__c']);
    expect(chosen.skipped).toEqual(['Account']);
  });

  it('takes field permissions only for the fields the FieldPermissions.Field picklist lists', () => {
    // The picklist, not the describe, decides (fact FIELD-PERMISSIONS-PICKLIST): AccountId is listed, Email is not.
    const listed = { objectPermissionTypes, fieldPermissionFields: new Set(['contact.accountid']) };
    const { grants } = resolveAccess(
      { objects: [{ object: 'Contact', fields: ['Email', 'AccountId'], viewAllRecords: false, edit: false }] },
      describes,
      listed,
    );
    expect(fieldPermissionNames(grants)).toEqual(['Contact.AccountId']);
    expect(grants.find((g) => g.field === 'Email')).toMatchObject({ read: true, viaFieldPermission: false });
  });
});
