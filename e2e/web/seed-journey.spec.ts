import { expect, test } from '@playwright/test';
import { exportedConnectionSchema, expectOrgClean, secretsIn } from '../support/org-checks';
import { salesforcePanel } from '../support/salesforce-panel';
import { checkScreen } from '../support/screen-check';
import { english } from '../support/ui-labels';
import { signInThroughBrowserTab, startWebJourney, type WebJourney } from '../support/web-journey';

// A minute of activation delay shows the countdown; the test moves the org's clock past it.
const ACTIVATION_DELAY_MS = 60_000;

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney({ activationDelayMs: ACTIVATION_DELAY_MS });
});
test.afterEach(() => journey.stop());

test('seed journey: sign in, turn on access, details, export, turn off, org clean', async ({ page, context }) => {
  const { emulator, browserApp } = journey;
  const panel = salesforcePanel(page, english);
  await page.goto(browserApp.startUrl());
  await panel.open();
  await checkScreen(page, 'seed', 'connectors');

  await signInThroughBrowserTab(page, context, emulator, english);
  await expect(page.getByText('Signed in to Contoso (demo)')).toBeVisible();
  await checkScreen(page, 'seed', 'signed-in');

  await panel.turnOnAndSave();
  await panel.expectRunning(english.enableTitle);
  await expect(panel.progress.getByText(/^Permission set — /)).toBeVisible();
  await expect(page.getByText(english.activationSentence)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/Attempt 1 · next try in/)).toBeVisible();
  await checkScreen(page, 'seed', 'progress');
  emulator.advanceClock(ACTIVATION_DELAY_MS);

  await panel.expectConnected();
  const connection = emulator.state();
  const app = connection.externalClientApps[0];
  const user = connection.users.find((u) => u.IsActive && u.ProfileName === 'Minimum Access - API Only Integrations');
  const permissionSet = connection.permissionSets[0];
  expect(app && user && permissionSet, 'the org holds an app, an active integration user and a permission set').toBeTruthy();
  const definitions = panel.details.getByRole('definition');
  await expect(definitions.filter({ hasText: String(app?.label) })).toBeVisible();
  await expect(definitions.filter({ hasText: user?.Username ?? '?' })).toContainText('Active');
  await expect(definitions.filter({ hasText: permissionSet?.Label ?? '?' })).toContainText(permissionSet?.Name ?? '?');
  await checkScreen(page, 'seed', 'connected');

  const json = await panel.exportAs('JSON');
  expect(json.fileName).toMatch(/\.json$/);
  const exported = exportedConnectionSchema.parse(JSON.parse(json.content));
  expect(exported.org.id).toBe(emulator.orgId);
  expect(exported.user).toMatchObject({ id: user?.Id, username: user?.Username, active: true });
  expect(exported.permissionSet).toMatchObject({ id: permissionSet?.Id, apiName: permissionSet?.Name });
  expect(exported.app.consumerKey).toMatch(/^3MVG9/);
  expect(exported.grants.some((g) => g.object === 'Account' && g.field === null && g.read)).toBe(true);
  expect(secretsIn(json.content)).toEqual([]);

  const csv = await panel.exportAs('CSV');
  expect(csv.fileName).toMatch(/\.csv$/);
  const [header, ...rows] = csv.content.trim().split(/\r?\n/);
  expect(header).toBe('orgId,permissionSet,object,field,read,edit,viewAllRecords,grantedBy');
  expect(rows).toHaveLength(exported.grants.length);
  expect(rows).toContain(`${emulator.orgId},${exported.permissionSet.apiName},Account,,yes,no,no,object permission`);
  expect(secretsIn(csv.content)).toEqual([]);

  const dialog = await panel.askToTurnOff();
  await checkScreen(page, 'seed', 'removal-dialog');
  // Slowed down so the removal's own progress can be seen (and checked) before it ends.
  emulator.setLatency(200);
  await dialog.getByRole('button', { name: english.turnOffConfirm }).click();
  await expect(dialog).toBeHidden();
  await panel.expectRunning(english.removalTitle);
  await checkScreen(page, 'seed', 'removing');
  emulator.setLatency(0);
  await panel.expectRemoved();
  await checkScreen(page, 'seed', 'removed');
  expectOrgClean(emulator, exported);
});
