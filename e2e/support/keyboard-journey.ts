import { expect } from '@playwright/test';
import type { JourneyHost } from './journey-host';
import { tabTo } from './keyboard';
import { salesforcePanel } from './salesforce-panel';
import { english } from './ui-labels';

/**
 * Sign-in to connected with Tab, Enter and Space only on the app's page; then focus moves into the
 * turn-off dialog, stays inside it, returns to Save when it closes, and confirming works from the keys.
 */
export async function runKeyboardJourney(host: JourneyHost): Promise<void> {
  const { page, emulator } = host;
  const panel = salesforcePanel(page, english);
  await expect(panel.toggle).toBeVisible();

  // Salesforce's own pages (in the browser) are not ours: the host completes them.
  const signInButton = page.getByRole('button', { name: english.signIn, exact: true });
  await tabTo(page, signInButton);
  await host.signInWith(() => page.keyboard.press('Enter'));
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  await tabTo(page, panel.toggle);
  await page.keyboard.press('Space');
  await expect(panel.toggle).toBeChecked();
  await tabTo(page, panel.save);
  await page.keyboard.press('Enter');
  const review = page.getByRole('dialog', { name: english.reviewTitle });
  const confirmOn = review.getByRole('button', { name: english.reviewConfirm });
  await expect(confirmOn).toBeEnabled();
  await page.keyboard.press('Tab');
  await expect(confirmOn).toBeFocused();
  await page.keyboard.press('Enter');
  await panel.expectConnected();

  await tabTo(page, panel.toggle, 'backward');
  await page.keyboard.press('Space');
  await expect(panel.toggle).not.toBeChecked();
  await tabTo(page, panel.save);
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: english.turnOffTitle });
  const cancel = dialog.getByRole('button', { name: english.cancel });
  const confirm = dialog.getByRole('button', { name: english.turnOffConfirm });
  await expect(cancel).toBeFocused();
  await expect(confirm).toBeEnabled();
  await page.keyboard.press('Tab');
  await expect(confirm).toBeFocused();
  for (let presses = 0; presses < 4; presses++) {
    await page.keyboard.press('Tab');
    // The plan's scrollable region takes focus too (so a long plan can be read by keyboard).
    await expect(dialog.locator(':focus'), 'Tab stays inside the dialog').toHaveCount(1);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(panel.save).toBeFocused();
  await expect(panel.details).toBeVisible();

  await page.keyboard.press('Enter');
  await expect(cancel).toBeFocused();
  await tabTo(page, confirm);
  await page.keyboard.press('Enter');
  await panel.expectRemoved();
  expect(emulator.state().externalClientApps).toEqual([]);
}
