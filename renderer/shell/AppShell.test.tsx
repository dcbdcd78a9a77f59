import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fixtures from '../../test/renderer/fake-fixtures';
import { renderApp } from '../../test/renderer/render';

describe('app shell', () => {
  it('shows the app name, both connectors and no org while signed out', async () => {
    await renderApp();
    expect(screen.getByText('Agent Connections')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Agent connections' })).toBeTruthy();
    const list = screen.getByRole('list', { name: 'Agent connections' });
    expect(within(list).getByText('Dynamics 365 Sales')).toBeTruthy();
    expect(within(list).getByText('Connected — no setup needed')).toBeTruthy();
    expect(within(list).getByRole('button', { name: /Salesforce/ }).textContent).toContain('Not set up');
    expect(screen.queryByText(/Signed in to/)).toBeNull();
  });

  it('names the signed-in org and its profile in the app bar, production marked', async () => {
    await renderApp({ auth: fixtures.auth.signedIn });
    expect(screen.getByText('Signed in to Acme Corporation · profile Acme production')).toBeTruthy();
    expect(screen.getByText('Production')).toBeTruthy();
  });

  it('after another profile is made active, says the screens still act on the signed-in one', async () => {
    const uat = { ...fixtures.productionProfile, id: 'uat', name: 'UAT sandbox', environment: 'sandbox' as const };
    await renderApp({
      auth: fixtures.auth.signedIn,
      settings: { ...fixtures.settings, orgProfiles: [fixtures.productionProfile, uat], activeProfileId: 'uat' },
    });
    expect(screen.getByText('Signed in to Acme Corporation · profile Acme production')).toBeTruthy();
    expect(screen.getByText('UAT sandbox is now active: sign out and in to act on it')).toBeTruthy();
  });

  it('moves between screens from the keyboard and keeps the connection progress when coming back', async () => {
    const { user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.provisioning });
    expect(screen.getByRole('heading', { name: 'Turning on access' })).toBeTruthy();
    screen.getByRole('button', { name: 'Connectors' }).focus();
    await user.tab();
    expect(document.activeElement?.textContent).toBe('Activity');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('heading', { level: 1, name: 'Activity' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Activity', current: 'page' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Connectors' }).getAttribute('aria-current')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Connectors' }));
    expect(await screen.findByRole('heading', { name: 'Turning on access' })).toBeTruthy();
    expect(screen.getByRole('listitem', { current: 'step' }).textContent).toContain('Access grants');
  });

  it('follows progress events pushed by main while another screen is open', async () => {
    const { api, user } = await renderApp({ auth: fixtures.auth.signedIn, connection: fixtures.connection.provisioning });
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await screen.findByRole('heading', { level: 1, name: 'Settings' });
    api.emit('connection.progress', fixtures.runAt('enable', 'integrationUser'));
    await user.click(screen.getByRole('button', { name: 'Connectors' }));
    expect((await screen.findByRole('listitem', { current: 'step' })).textContent).toContain('Integration user');
  });
});
