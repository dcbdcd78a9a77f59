import { act, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fixtures from '../../test/renderer/fake-fixtures';
import { createFakeApi } from '../../test/renderer/fake-api';
import { renderApp } from '../../test/renderer/render';
import { FRESH_STATUS_INTERVAL_MS, refreshStatus } from './fresh-status';

describe('fresh status', () => {
  it('opening the app re-reads the org once in the background, without pressing Test', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.connected });
    expect(api.callsTo('connection.check')).toHaveLength(1);
    // Coming back to Connectors within the minute does not read the org again.
    await user.click(screen.getByRole('button', { name: 'Activity' }));
    await user.click(screen.getByRole('button', { name: 'Connectors' }));
    expect(api.callsTo('connection.check')).toHaveLength(1);
  });

  it('checks at most once a minute, and only a connection that is there while signed in', () => {
    const api = createFakeApi();
    const live = { auth: fixtures.auth.signedIn, connection: fixtures.connection.connected };
    expect(refreshStatus(api, live, 0)).toBe(true);
    expect(refreshStatus(api, live, FRESH_STATUS_INTERVAL_MS - 1)).toBe(false);
    expect(refreshStatus(api, live, FRESH_STATUS_INTERVAL_MS)).toBe(true);
    expect(refreshStatus(createFakeApi(), { ...live, connection: { status: 'off', orgId: null } }, 0)).toBe(false);
    expect(refreshStatus(createFakeApi(), { ...live, auth: fixtures.auth.signedOut }, 0)).toBe(false);
  });

  it.each([
    ['en', 'updateAccess', fixtures.connection.connected, 'Access updated.'],
    ['en', 'enable', fixtures.connection.connected, 'Access is on: the agent can sign in to Salesforce.'],
    ['sv', 'disable', { status: 'off' as const, orgId: null }, 'Avstängd: agenten kan inte längre logga in.'],
  ] as const)('confirms a finished run (%s, %s)', async (language, kind, end, message) => {
    const running = {
      ...fixtures.connection.connected,
      status: 'running' as const,
      run: { kind, startedAt: '2026-11-23T10:00:00.000Z', steps: [] },
    };
    const { api } = await renderApp({ settings: { ...fixtures.settings, language }, auth: fixtures.auth.signedIn, connection: running });
    act(() => api.emit('connection.changed', end));
    expect(await screen.findByText(message)).toBeTruthy();
  });
});
