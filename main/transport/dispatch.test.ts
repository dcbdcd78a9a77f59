import { describe, expect, it } from 'vitest';
import { fail } from '../../common/app-error-schema';
import { createTestApp } from '../../test/support/headless-app';
import { dispatch } from './dispatch';

describe('dispatch', () => {
  const { app } = createTestApp();

  it('lists Dynamics 365 Sales as connected and Salesforce as not set up', async () => {
    const result = await dispatch(app.handlers, 'connectors.list', {});
    expect(result).toEqual({
      ok: true,
      value: [
        { id: 'dynamics365', name: 'Dynamics 365 Sales', status: 'connected', setupNeeded: false },
        { id: 'salesforce', name: 'Salesforce', status: 'notSetUp', setupNeeded: true },
      ],
    });
  });

  it('refuses an unknown operation by name', async () => {
    expect(await dispatch(app.handlers, 'constructor', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_OPERATION' } });
  });

  it('says which field was wrong', async () => {
    const result = await dispatch(app.handlers, 'settings.update', { theme: 'purple' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: expect.stringContaining('theme') } });
  });

  it('passes typed failures through and hides everything else', async () => {
    const handlers = {
      ...app.handlers,
      'app.info': () => fail('NOT_SIGNED_IN', 'Sign in to Salesforce first.', { action: 'signIn' }),
      'connectors.list': () => Promise.reject(new Error('ECONNRESET at /home/admin/secret/path.ts:42')),
    };
    expect(await dispatch(handlers, 'app.info', {})).toEqual({
      ok: false,
      error: { code: 'NOT_SIGNED_IN', message: 'Sign in to Salesforce first.', action: 'signIn' },
    });
    const hidden = await dispatch(handlers, 'connectors.list', {});
    expect(hidden).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(JSON.stringify(hidden)).not.toContain('secret/path');
  });

  it('persists settings and announces the change', async () => {
    const { app: fresh, emitted } = createTestApp();
    const result = await dispatch(fresh.handlers, 'settings.update', { language: 'sv', theme: 'dark' });
    expect(result).toMatchObject({ ok: true, value: { language: 'sv', theme: 'dark', agentName: 'Sales Agent' } });
    expect(await dispatch(fresh.handlers, 'settings.get', {})).toMatchObject({ ok: true, value: { language: 'sv' } });
    expect(emitted.map((m) => m.event)).toContain('settings.changed');
  });
});
