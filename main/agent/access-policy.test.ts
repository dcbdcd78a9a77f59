import { describe, expect, it } from 'vitest';
import { AppFailure, defaultAccessProfile, type AccessProfile } from '../../common';
import { dispatch } from '../transport/dispatch';
import { createTestApp } from '../../test/support/headless-app';

const withChange = (object: string, change: Record<string, unknown>) => ({
  objects: defaultAccessProfile.objects.map((o) => (o.object === object ? { ...o, ...change } : o)),
});
const manyFields = (count: number) => Array.from({ length: count }, (_, i) => `Field${i}__c`);

/** Each payload a renderer (or anything that reaches IPC / HTTP) could send, and why it is refused. */
const refused: [string, unknown, RegExp][] = [
  ['Edit on Account', withChange('Account', { edit: true }), /may not edit Account/],
  ['Edit on Contact, spelled in lower case', withChange('Contact', { object: 'contact', edit: true }), /may not edit contact/],
  ['1,501 fields on one object', withChange('Account', { fields: manyFields(1_501) }), /at most 1500 fields per object/],
  ['10,000 fields on one object', withChange('Account', { fields: manyFields(10_000) }), /at most 1500 fields per object/],
  ['90,000 fields on one object', withChange('Account', { fields: manyFields(90_000) }), /at most 1500 fields per object/],
  [
    '2,400 fields spread over objects',
    { objects: ['Account', 'Opportunity', 'Invoice__c'].map((object) => ({ object, fields: manyFields(800) })) },
    /at most 2000 are allowed in all/,
  ],
  ['51 objects', { objects: Array.from({ length: 51 }, (_, i) => ({ object: `Object${i}__c`, fields: [] })) }, /at most 50 are allowed/],
  [
    'the same object twice',
    {
      objects: [
        { object: 'Lead', fields: [] },
        { object: 'LEAD', fields: [], edit: true },
      ],
    },
    /listed twice/,
  ],
];

describe('the access policy, enforced by main', () => {
  it.each(refused)('refuses %s at the IPC / HTTP edge, with a typed error and nothing written', async (_name, payload, message) => {
    const { app } = createTestApp();
    const result = await dispatch(app.handlers, 'agent.accessProfile.update', payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'ACCESS_PROFILE_REFUSED', message: expect.stringMatching(message) } });
    expect(await dispatch(app.handlers, 'agent.accessProfile.get', {})).toEqual({ ok: true, value: defaultAccessProfile });
  });

  it.each(refused)('refuses %s when the service is called directly', async (_name, payload, message) => {
    const { app } = createTestApp();
    const attempt = app.agent.updateAccessProfile(payload as AccessProfile);
    await expect(attempt).rejects.toBeInstanceOf(AppFailure);
    await expect(attempt).rejects.toMatchObject({ error: { code: 'ACCESS_PROFILE_REFUSED', message: expect.stringMatching(message) } });
    expect(app.agent.accessProfile()).toEqual(defaultAccessProfile);
  });

  it.each([
    ['an unknown key on an object', withChange('Lead', { modifyAll: true }), /modifyAll/],
    ['an unknown key on the profile', { ...defaultAccessProfile, grantAll: true }, /grantAll/],
    ['an object name that is not an API name', withChange('Lead', { object: 'Lead; DROP' }), /Salesforce API name/],
    ['a field name with a double underscore in the middle', withChange('Lead', { fields: ['Bad__Name__Again__c'] }), /Salesforce API name/],
    ['a field name ending in an underscore', withChange('Lead', { fields: ['Score_'] }), /Salesforce API name/],
    ['an over-long field name', withChange('Lead', { fields: [`F${'x'.repeat(90)}__c`] }), /objects\.3\.fields\.0/],
  ])('refuses %s as invalid input', async (_name, payload, message) => {
    const { app } = createTestApp();
    const result = await dispatch(app.handlers, 'agent.accessProfile.update', payload);
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(message) } });
  });

  it('accepts what the policy offers: Edit and View All on Lead, View All on a custom object, 1,000 custom fields plus the defaults', async () => {
    const { app } = createTestApp();
    const profile = {
      objects: [
        ...withChange('Lead', { edit: true, viewAllRecords: true }).objects.map((o) =>
          o.object === 'Account' ? { ...o, fields: manyFields(1_000) } : o,
        ),
        { object: 'ns__Invoice__c', fields: ['ns__Amount__c', 'Due_Date__c'], viewAllRecords: true, edit: false },
      ],
    };
    const result = await dispatch(app.handlers, 'agent.accessProfile.update', profile);
    expect(result.ok).toBe(true);
    expect(app.agent.accessProfile()).toEqual(profile);
  });

  it('accepts exactly 1,500 fields on one object', async () => {
    const { app } = createTestApp();
    const result = await dispatch(app.handlers, 'agent.accessProfile.update', withChange('Account', { fields: manyFields(1_500) }));
    expect(result.ok).toBe(true);
  });
});
