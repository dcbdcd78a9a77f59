import { describe, expect, it } from 'vitest';
import type { EventPayload, Handlers } from '../../common';
import { createTestApp } from '../../test/support/headless-app';
import { checkedHandlers, contractChecksOn } from './contract-check';
import { dispatch } from './dispatch';
import { createEventHub } from './event-hub';

describe('the contract is checked both ways', () => {
  const { app } = createTestApp();

  it('is on in tests', () => {
    expect(contractChecksOn()).toBe(true);
  });

  it('refuses a handler reply of the wrong shape, naming the operation and the field', async () => {
    const wrong = { ...app.handlers, 'app.info': () => Promise.resolve({ name: 42 }) } as unknown as Handlers;
    const result = await dispatch(checkedHandlers(wrong, true), 'app.info', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION', message: expect.stringContaining('"app.info"') } });
    expect(JSON.stringify(result)).toContain('name');
  });

  it('passes a correct reply through unchanged', async () => {
    expect(await dispatch(checkedHandlers(app.handlers, true), 'connectors.list', {})).toMatchObject({
      ok: true,
      value: expect.any(Array),
    });
  });

  it('checks the replies of the app as built', async () => {
    const { app: built } = createTestApp();
    expect(await dispatch(built.handlers, 'settings.get', {})).toMatchObject({ ok: true });
  });

  it('refuses an event with a wrong payload before any listener sees it', () => {
    const hub = createEventHub({ checkContract: true });
    const heard: unknown[] = [];
    hub.subscribe((message) => heard.push(message));
    const payload = { theme: 'purple' } as unknown as EventPayload<'settings.changed'>;
    expect(() => hub.emit('settings.changed', payload)).toThrow(/"settings.changed" event does not match/);
    expect(heard).toEqual([]);
  });

  it('skips both checks when switched off, as in a production build', async () => {
    const wrong = { ...app.handlers, 'app.info': () => Promise.resolve({ name: 42 }) } as unknown as Handlers;
    expect(await dispatch(checkedHandlers(wrong, false), 'app.info', {})).toEqual({ ok: true, value: { name: 42 } });
    const hub = createEventHub({ checkContract: false });
    expect(() => hub.emit('settings.changed', {} as unknown as EventPayload<'settings.changed'>)).not.toThrow();
  });
});
