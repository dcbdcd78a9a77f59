import { describe, expect, it } from 'vitest';
import { accessLimits, defaultAccessProfile } from '../../../common';
import { changeObject, toggleField, withObject, withoutObject } from './access-draft';

const lead = (profile: typeof defaultAccessProfile) => profile.objects.find((o) => o.object === 'Lead');

describe('access profile edits', () => {
  it('adds a custom object read-only with no fields, once', () => {
    const once = withObject(defaultAccessProfile, 'Invoice__c');
    expect(once.objects.at(-1)).toEqual({ object: 'Invoice__c', fields: [], viewAllRecords: false, edit: false });
    expect(withObject(once, 'Invoice__c').objects).toHaveLength(once.objects.length);
  });

  it('never removes the last object', () => {
    const single = { objects: [{ object: 'Lead', fields: [], viewAllRecords: false, edit: false }] };
    expect(withoutObject(single, 'Lead')).toEqual(single);
    expect(withoutObject(defaultAccessProfile, 'Lead').objects.some((o) => o.object === 'Lead')).toBe(false);
  });

  it('adds and removes fields without duplicates', () => {
    const added = toggleField(toggleField(defaultAccessProfile, 'Lead', 'Score__c', true), 'Lead', 'Score__c', true);
    expect(lead(added)?.fields.filter((f) => f === 'Score__c')).toHaveLength(1);
    expect(lead(toggleField(added, 'Lead', 'Score__c', false))?.fields).not.toContain('Score__c');
  });

  it('allows Edit only where the access policy offers it; View All wherever object permissions apply', () => {
    expect(lead(changeObject(defaultAccessProfile, 'Lead', { edit: true, viewAllRecords: true }))).toMatchObject({
      edit: true,
      viewAllRecords: true,
    });
    const account = changeObject(defaultAccessProfile, 'Account', { edit: true, viewAllRecords: true }).objects.find(
      (o) => o.object === 'Account',
    );
    expect(account).toMatchObject({ edit: false, viewAllRecords: true });
    const opportunity = changeObject(defaultAccessProfile, 'Opportunity', { edit: true, viewAllRecords: true }).objects.find(
      (o) => o.object === 'Opportunity',
    );
    expect(opportunity).toMatchObject({ edit: false, viewAllRecords: true });
  });

  it('adds no object beyond the policy limit', () => {
    const full = {
      objects: Array.from({ length: accessLimits.objects }, (_, i) => ({
        object: `Object${i}__c`,
        fields: [],
        viewAllRecords: false,
        edit: false,
      })),
    };
    expect(withObject(full, 'Invoice__c')).toBe(full);
  });
});
