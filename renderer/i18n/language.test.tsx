import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as fixtures from '../../test/renderer/fake-fixtures';
import { renderApp } from '../../test/renderer/render';
import { resolveLanguage } from '../../common/language';

describe('language', () => {
  it('follows the OS locale unless Settings choose one', () => {
    expect(resolveLanguage('system', 'sv-SE')).toBe('sv');
    expect(resolveLanguage('system', 'sv')).toBe('sv');
    expect(resolveLanguage('system', 'en-GB')).toBe('en');
    expect(resolveLanguage('system', 'de-DE')).toBe('en');
    expect(resolveLanguage('en', 'sv-SE')).toBe('en');
    expect(resolveLanguage('sv', 'en-US')).toBe('sv');
  });

  it('shows Swedish on a Swedish system', async () => {
    await renderApp({ info: { ...fixtures.appInfo, locale: 'sv-SE' } });
    expect(await screen.findByRole('heading', { name: 'Agentkopplingar' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Kopplingar' })).toBeTruthy();
    expect(screen.getByText('Ansluten — ingen konfiguration behövs')).toBeTruthy();
    expect(screen.getByRole('switch', { name: 'Slå på åtkomst' })).toBeTruthy();
    expect(screen.getByText('Logga in i Salesforce först')).toBeTruthy();
    expect(document.documentElement.lang).toBe('sv');
  });

  it('renders a connected org and its errors in Swedish', async () => {
    await renderApp({
      settings: { ...fixtures.settings, language: 'sv' },
      auth: fixtures.auth.signedIn,
      connection: fixtures.connection.drift,
    });
    expect(await screen.findByRole('heading', { name: 'Anslutningsdetaljer' })).toBeTruthy();
    const alert = screen.getByText('Agenten behöver åtkomst som anslutningen inte ger.').closest('[role="alert"]') as HTMLElement;
    expect(within(alert).getByRole('button', { name: 'Skapa om' })).toBeTruthy();
    expect(within(alert).getByRole('button', { name: 'Uppdatera åtkomst' })).toBeTruthy();
    // Main's English detail is for English readers; Swedish shows the catalog text only.
    expect(alert.textContent).not.toContain('The agent needs fields');
  });

  it('switches to Swedish from Settings at once', async () => {
    const { api, user } = await renderApp();
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('combobox', { name: /Language/ }));
    await user.click(screen.getByRole('option', { name: 'Svenska' }));
    expect(api.callsTo('settings.update')).toEqual([{ language: 'sv' }]);
    expect(await screen.findByRole('heading', { level: 1, name: 'Inställningar' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Kopplingar' }));
    expect(await screen.findByRole('heading', { name: 'Agentkopplingar' })).toBeTruthy();
  });
});
