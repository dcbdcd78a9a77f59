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

  it('names the signed-in org and the active profile in the app bar, production marked', async () => {
    await renderApp({ auth: fixtures.auth.signedIn });
    const bar = screen.getByRole('banner');
    expect(within(bar).getByText('Signed in to Acme Corporation')).toBeTruthy();
    expect(within(bar).getByRole('button', { name: 'Org profile: Acme production' })).toBeTruthy();
    expect(within(bar).getByText('Production')).toBeTruthy();
  });

  it('switches the org profile from the app bar: the screens then act on it, not on the previous org', async () => {
    const uat = { ...fixtures.productionProfile, id: 'uat', name: 'UAT sandbox', environment: 'sandbox' as const };
    const { api, user } = await renderApp({
      auth: fixtures.auth.signedIn,
      connection: fixtures.connection.connected,
      settings: { ...fixtures.settings, orgProfiles: [fixtures.productionProfile, uat] },
    });
    const bar = screen.getByRole('banner');
    await user.click(within(bar).getByRole('button', { name: 'Org profile: Acme production' }));
    const menu = screen.getByRole('menu');
    expect(
      within(menu)
        .getByRole('menuitem', { name: /Acme production/ })
        .getAttribute('aria-current'),
    ).toBe('true');
    await user.click(within(menu).getByRole('menuitem', { name: /UAT sandbox/ }));
    expect(await within(bar).findByRole('button', { name: 'Org profile: UAT sandbox' })).toBeTruthy();
    expect(api.calls.some((c) => c.operation === 'profiles.activate')).toBe(true);
    expect(within(bar).queryByText('Production')).toBeNull();
    expect(within(bar).queryByText(/Signed in to/)).toBeNull();
    // No live Turn off or Reconnect of the org left behind: the switch is off, Sign in is offered.
    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeTruthy();
    expect(screen.getByRole('switch', { name: 'Turn on access' })).toHaveProperty('checked', false);
    expect(screen.queryByRole('button', { name: 'Reconnect' })).toBeNull();
  });

  it('shows a refused switch where the admin pressed it', async () => {
    const uat = { ...fixtures.productionProfile, id: 'uat', name: 'UAT sandbox', environment: 'sandbox' as const };
    const { api, user } = await renderApp({
      auth: fixtures.auth.signedIn,
      settings: { ...fixtures.settings, orgProfiles: [fixtures.productionProfile, uat] },
    });
    api.failNext('profiles.activate', {
      code: 'OPERATION_IN_PROGRESS',
      message: 'The connection in this org is still changing or has an unfinished change.',
    });
    await user.click(screen.getByRole('button', { name: 'Org profile: Acme production' }));
    await user.click(screen.getByRole('menuitem', { name: /UAT sandbox/ }));
    expect((await within(screen.getByRole('banner')).findByRole('alert')).textContent).toContain('Another change is in progress');
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
