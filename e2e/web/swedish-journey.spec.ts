import { expect, test } from '@playwright/test';
import { runSeedJourney, SEED_ACTIVATION_DELAY_MS } from '../support/seed-journey';
import { english, swedish } from '../support/ui-labels';
import { startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney({ activationDelayMs: SEED_ACTIVATION_DELAY_MS });
});
test.afterEach(() => journey.stop());

test('the seed journey in Swedish, chosen in Settings -> Language', async ({ page, context }) => {
  test.slow();
  await page.goto(journey.browserApp.startUrl());
  await page.getByRole('tab', { name: english.settings }).click();
  await page.getByRole('combobox', { name: english.language }).click();
  await page.getByRole('option', { name: 'Svenska' }).click();
  await expect(page.getByRole('tab', { name: swedish.settings })).toBeVisible();
  await expect(page.getByRole('combobox', { name: swedish.language })).toContainText('Svenska');
  await expect(page.locator('html')).toHaveAttribute('lang', 'sv');
  await runSeedJourney(page, context, journey, swedish, 'swedish');
});
