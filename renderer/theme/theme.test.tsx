import { screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import * as fixtures from '../../test/renderer/fake-fixtures';
import { renderApp } from '../../test/renderer/render';
import { setPrefersDark } from '../../test/renderer/setup';

/** CssBaseline paints the body from the palette, so its colour tells which theme is in use. */
const bodyIsDark = () => {
  const [r = 255, g = 255, b = 255] = (getComputedStyle(document.body).backgroundColor.match(/\d+/g) ?? []).map(Number);
  return r + g + b < 200;
};

afterEach(() => setPrefersDark(false));

describe('theme', () => {
  it('follows the OS dark preference', async () => {
    setPrefersDark(true);
    await renderApp();
    expect(bodyIsDark()).toBe(true);
  });

  it('follows the OS light preference', async () => {
    await renderApp();
    expect(bodyIsDark()).toBe(false);
  });

  it('lets Settings override the OS', async () => {
    setPrefersDark(true);
    const { user } = await renderApp({ settings: { ...fixtures.settings, theme: 'light' } });
    expect(bodyIsDark()).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Settings' }));
    await user.click(await screen.findByRole('combobox', { name: /Theme/ }));
    await user.click(screen.getByRole('option', { name: 'Dark' }));
    await waitFor(() => expect(bodyIsDark()).toBe(true));
  });
});
