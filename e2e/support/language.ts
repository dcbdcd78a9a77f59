import { expect, type Page } from '@playwright/test';
import { english, swedish } from './ui-labels';

/** Settings -> Language -> Svenska, as the admin does it; the whole app answers in Swedish at once. */
export async function switchToSwedish(page: Page): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name: english.settings, exact: true }).click();
  await page.getByRole('combobox', { name: english.language }).click();
  await page.getByRole('option', { name: 'Svenska' }).click();
  await expect(page.getByRole('navigation').getByRole('button', { name: swedish.settings, exact: true })).toBeVisible();
  await expect(page.getByRole('combobox', { name: swedish.language })).toContainText('Svenska');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
}
