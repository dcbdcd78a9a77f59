import { expect, test, type Locator, type Page } from '@playwright/test';
import { signIn } from '../support/journey-host';
import { salesforcePanel } from '../support/salesforce-panel';
import {
  changeAgentAccess,
  expectReviewLines,
  openReview,
  orgWithoutClock,
  removeAccessWithAnotherTool,
  setField,
} from '../support/trust-journeys';
import { english } from '../support/ui-labels';
import { startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney();
});
test.afterEach(() => journey.stop());

const APP_LINE = /the External Client App Sales Agent external client app \(Sales_Agent_ECA\)/;
const USER_LINE = /the integration user sales-agent\.\w+@\S+/;
const PERMISSION_SET_LINE = /the permission set Sales Agent permission set \(Sales_Agent_Permission_Set\)/;
const KEY_CHANGES = "The app's consumer key changes.";
const REEXPORT = "Export the agent's credentials again afterwards; the ones it has stop working.";

/**
 * Recreate and Reconnect both replace the whole connection: their review names the three parts it
 * replaces and the key change, and Cancel there leaves the org exactly as it was.
 */
async function cancelReplacingReview(page: Page, emulator: WebJourney['emulator'], button: Locator, title: string): Promise<void> {
  const before = orgWithoutClock(emulator);
  await button.click();
  const review = await openReview(page, title);
  await expectReviewLines(review, [APP_LINE, USER_LINE, PERMISSION_SET_LINE]);
  await expect(review.getByText(KEY_CHANGES)).toBeVisible();
  await expect(review.getByText(REEXPORT)).toBeVisible();
  await review.getByRole('button', { name: english.cancel }).click();
  await expect(review).toBeHidden();
  expect(orgWithoutClock(emulator)).toEqual(before);
}

test('the review before Turn on names everything it creates; Recreate is reviewed, Cancel leaves the org alone, Update access is the default', async ({
  page,
  context,
}) => {
  const host = await journey.open(page, context);
  const { emulator } = journey;
  const panel = salesforcePanel(page, english);
  await panel.open();
  await signIn(host, english);

  await panel.turnOnAndSave(async () => {
    const review = await openReview(page, 'Review: turn on access');
    await expect(review.getByText('Nothing is changed in Salesforce until you confirm.')).toBeVisible();
    await expectReviewLines(review, [
      /^Create the External Client App Sales Agent external client app \(Sales_Agent_ECA\)$/,
      /^Create the integration user sales-agent\.\w+@\S+$/,
      /^Create the permission set Sales Agent permission set \(Sales_Agent_Permission_Set\)$/,
      /^Uses one Salesforce Integration user licence \(\d+ free now\)$/,
      /^Uses one Salesforce API Integration permission set licence \(\d+ free now\)$/,
      'Scopes: api (JWT bearer only)',
      'Pre-authorised users: holders of the permission set Sales_Agent_Permission_Set',
      /^IP restrictions: enforced/,
      /^Certificate valid for \d+ days, until \d{4}-\d\d-\d\d/,
    ]);
    // One row per object with its fields, as Setup shows a permission set.
    await expect(review.getByRole('table', { name: "The agent's access" }).getByRole('row', { name: /^Account\b/ })).toContainText('Read');
    expect(emulator.state().externalClientApps).toEqual([]);
  });
  await panel.expectConnected();

  // A new field makes the connection need an update; the gentler fix is the notice's primary button.
  await changeAgentAccess(page, 'Account', (dialog) => setField(dialog, 'Tier__c', true));
  const alert = page.getByRole('alert').filter({ hasText: 'The agent needs access the connection does not grant.' });
  const buttons = alert.getByRole('button');
  await expect(buttons.first()).toHaveText(english.updateAccess);
  await expect(buttons.first()).toHaveClass(/MuiButton-contained/);
  await expect(alert.getByRole('button', { name: english.recreate })).toHaveClass(/MuiButton-outlined/);

  await cancelReplacingReview(page, emulator, alert.getByRole('button', { name: english.recreate }), 'Review: recreate the connection');
  await expect(panel.details.getByText('Needs update', { exact: true })).toBeVisible();
});

test('opening the app after another tool removed the access shows it broken without a Test; Reconnect is reviewed and Cancel writes nothing', async ({
  page,
  context,
}) => {
  const host = await journey.open(page, context);
  const { emulator, browserApp } = journey;
  const panel = salesforcePanel(page, english);
  await panel.open();
  await signIn(host, english);
  await panel.turnOnAndSave();
  await panel.expectConnected();

  await removeAccessWithAnotherTool(emulator);
  await page.goto(browserApp.startUrl());
  await panel.open();
  const alert = page.getByRole('alert').filter({ hasText: 'missing or was changed in Salesforce' });
  await expect(alert).toBeVisible({ timeout: 15_000 });
  await expect(panel.details.getByText(english.connected, { exact: true })).toBeHidden();

  await cancelReplacingReview(page, emulator, alert.getByRole('button', { name: english.reconnect }), 'Review: reconnect');
});
