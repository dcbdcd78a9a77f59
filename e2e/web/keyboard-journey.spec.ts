import { expect, test } from '@playwright/test';
import { isFocused, tabTo } from '../support/keyboard';
import { salesforcePanel } from '../support/salesforce-panel';
import { english } from '../support/ui-labels';
import { completeLoginInTab, startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney();
});
test.afterEach(() => journey.stop());

test('keyboard only: sign in, turn on access, then into and back out of the turn-off dialog', async ({ page, context }) => {
  const { emulator, browserApp } = journey;
  const panel = salesforcePanel(page, english);
  await page.goto(browserApp.startUrl());
  await expect(panel.toggle).toBeVisible();

  // Sign in: Enter on the button; the admin finishes in the tab it opens (Salesforce's page, not ours).
  const signIn = page.getByRole('button', { name: english.signIn, exact: true });
  await tabTo(page, signIn);
  const tabOpened = context.waitForEvent('page');
  await page.keyboard.press('Enter');
  await completeLoginInTab(await tabOpened, emulator);
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();

  // Turn on access: Space flips the switch, Enter on Save starts the run.
  await tabTo(page, panel.toggle);
  await page.keyboard.press('Space');
  await expect(panel.toggle).toBeChecked();
  await tabTo(page, panel.save);
  await page.keyboard.press('Enter');
  await panel.expectConnected();

  // Turning off: focus moves into the dialog, stays there, and returns to Save when it closes.
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
    expect((await isFocused(cancel)) || (await isFocused(confirm)), 'Tab stays inside the dialog').toBe(true);
  }
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(panel.save).toBeFocused();
  await expect(panel.details).toBeVisible();

  // Again, and this time confirm from the keyboard.
  await page.keyboard.press('Enter');
  await expect(cancel).toBeFocused();
  await tabTo(page, confirm);
  await page.keyboard.press('Enter');
  await panel.expectRemoved();
  expect(emulator.state().externalClientApps).toEqual([]);
});
