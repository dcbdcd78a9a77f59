import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { fieldsGrantedBy } from '../support/org-checks';
import { salesforcePanel } from '../support/salesforce-panel';
import { checkScreen } from '../support/screen-check';
import { english } from '../support/ui-labels';
import { signInThroughBrowserTab, startWebJourney, type WebJourney } from '../support/web-journey';

// A custom field of the demo org that the agent's default access does not include.
const NEW_FIELD = { object: 'Account', field: 'Tier__c' };
const PERMISSION_SET = 'Sales_Agent_Permission_Set';

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney();
});
test.afterEach(() => journey.stop());

/** Connected, then the admin adds a field in the picker: the connection needs the new grant. */
async function connectThenAddField(page: Page, context: BrowserContext, beforeSave?: () => Promise<void>) {
  const { emulator, browserApp } = journey;
  const panel = salesforcePanel(page, english);
  await page.goto(browserApp.startUrl());
  await panel.open();
  await signInThroughBrowserTab(page, context, emulator, english);
  await panel.turnOnAndSave();
  await panel.expectConnected();
  expect(fieldsGrantedBy(emulator, PERMISSION_SET)).not.toContain(`${NEW_FIELD.object}.${NEW_FIELD.field}`);

  await panel.addFieldToAgentAccess(NEW_FIELD.object, NEW_FIELD.field, beforeSave);
  const alert = page.getByRole('alert').filter({ hasText: 'The agent needs access the connection does not grant.' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('must be recreated');
  await expect(alert.getByRole('listitem')).toHaveText([`${NEW_FIELD.object}.${NEW_FIELD.field}`]);
  await expect(panel.details.getByText('Needs update', { exact: true })).toBeVisible();
  return { panel, alert };
}

test('a field added to the agent access: Recreate ends connected with the field granted', async ({ page, context }) => {
  const { alert, panel } = await connectThenAddField(page, context, () => checkScreen(page, 'drift', 'field-picker'));
  await checkScreen(page, 'drift', 'needs-update');
  await alert.getByRole('button', { name: english.recreate }).click();
  await panel.expectConnected();
  await expect(alert).toBeHidden();
  expect(fieldsGrantedBy(journey.emulator, PERMISSION_SET)).toContain(`${NEW_FIELD.object}.${NEW_FIELD.field}`);
  await expect(panel.details.getByRole('row', { name: `${NEW_FIELD.object} ${NEW_FIELD.field} Read Field permission` })).toBeVisible();
  await checkScreen(page, 'drift', 'recreated');
});

test('a field added to the agent access: Update access grants it in the same permission set', async ({ page, context }) => {
  const { alert, panel } = await connectThenAddField(page, context);
  const before = journey.emulator.state().permissionSets.find((p) => p.Name === PERMISSION_SET)?.Id;
  await alert.getByRole('button', { name: english.updateAccess }).click();
  await panel.expectConnected();
  await expect(alert).toBeHidden();
  expect(fieldsGrantedBy(journey.emulator, PERMISSION_SET)).toContain(`${NEW_FIELD.object}.${NEW_FIELD.field}`);
  expect(journey.emulator.state().permissionSets.find((p) => p.Name === PERMISSION_SET)?.Id).toBe(before);
  await expect(panel.details.getByRole('row', { name: `${NEW_FIELD.object} ${NEW_FIELD.field} Read Field permission` })).toBeVisible();
});
