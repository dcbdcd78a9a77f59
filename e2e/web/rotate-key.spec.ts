import { expect, test } from '@playwright/test';
import { signIn } from '../support/journey-host';
import { salesforcePanel } from '../support/salesforce-panel';
import { openReview } from '../support/trust-journeys';
import { english } from '../support/ui-labels';
import { startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney();
});
test.afterEach(() => journey.stop());

test('Rotate key: the review, then the new credentials are offered; the consumer key is unchanged', async ({ page, context }) => {
  test.setTimeout(120_000);
  const host = await journey.open(page, context);
  const panel = salesforcePanel(page, english);
  await panel.open();
  await signIn(host, english);
  await panel.turnOnAndSave();
  await panel.expectConnected();
  const consumerKey = panel.details.locator('code').first();
  const before = (await consumerKey.textContent()) ?? '';
  expect(before).not.toBe('');
  const appBefore = JSON.stringify(journey.emulator.state().externalClientApps[0]);

  await panel.details.getByRole('button', { name: 'Rotate key' }).click();
  const review = await openReview(page, 'Review: rotate the key');
  await review.getByRole('button', { name: english.reviewConfirm }).click();
  await expect(review).toBeHidden();

  // Once the certificate is replaced and the agent verified, the export of the new credentials opens.
  const exportDialog = page.getByRole('dialog', { name: 'Export agent credentials' });
  // The rotation waits until Salesforce accepts the new certificate (minutes on a real org; the emulator delays it too).
  await expect(exportDialog).toBeVisible({ timeout: 150_000 });
  expect(journey.emulator.state().externalClientApps).toHaveLength(1);
  expect(JSON.stringify(journey.emulator.state().externalClientApps[0])).not.toBe(appBefore);

  await exportDialog.getByLabel('Passphrase', { exact: true }).fill('correct horse battery staple');
  await exportDialog.getByLabel('Type the passphrase again').fill('correct horse battery staple');
  const file = await host.exportWith(() => exportDialog.getByRole('button', { name: 'Export credentials' }).click());
  expect(file.content).toContain(before);
  await expect(exportDialog).toBeHidden();

  // The dialog is modal: the details behind it are checked once it has closed.
  await panel.expectConnected();
  await expect(consumerKey).toHaveText(before);
});
