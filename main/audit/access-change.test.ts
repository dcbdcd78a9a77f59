import { describe, expect, it } from 'vitest';
import type { AccessProfile } from '../../common';
import { accessChange, describeAccessChange, isNoChange } from './access-change';

const profile = (objects: Partial<AccessProfile['objects'][number]>[]): AccessProfile => ({
  objects: objects.map((o) => ({ object: 'Account', fields: [], viewAllRecords: false, edit: false, ...o })),
});

describe("the audit's before/after of the agent's access", () => {
  it('calls out every added and removed object and field, and every Edit and View All switch', () => {
    const before = profile([
      { object: 'Account', fields: ['Industry'] },
      { object: 'Lead', edit: true },
    ]);
    const after = profile([
      { object: 'Account', fields: ['Phone'], viewAllRecords: true },
      { object: 'Contact', fields: ['Email'] },
    ]);
    const change = accessChange(before, after);
    expect(change).toEqual({
      addedObjects: ['Contact'],
      removedObjects: ['Lead'],
      addedFields: ['Account.Phone', 'Contact.Email'],
      removedFields: ['Account.Industry'],
      editOn: [],
      editOff: ['Lead'],
      viewAllOn: ['Account'],
      viewAllOff: [],
    });
    expect(describeAccessChange(change)).toBe(
      "Changed the agent's access: added objects Contact; removed objects Lead; added fields Account.Phone, Contact.Email; removed fields Account.Industry; Edit turned off for Lead; View All Records turned on for Account.",
    );
  });

  it('sees no change where only the letter case of a name differs', () => {
    expect(isNoChange(accessChange(profile([{ fields: ['Industry'] }]), profile([{ object: 'account', fields: ['industry'] }])))).toBe(
      true,
    );
  });
});
