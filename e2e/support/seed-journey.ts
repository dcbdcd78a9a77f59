import { expect } from '@playwright/test';
import { signIn, type JourneyHost } from './journey-host';
import { exportedConnectionSchema, expectOrgClean, secretsIn } from './org-checks';
import { salesforcePanel } from './salesforce-panel';
import { checkScreen, screenshot } from './screen-check';
import type { UiLabels } from './ui-labels';

/** Start the journey's emulator with this delay: the countdown shows, then the test moves the org's clock past it. */
export const SEED_ACTIVATION_DELAY_MS = 60_000;

const INTEGRATION_PROFILE = 'Minimum Access - API Only Integrations';

/**
 * The seed product's journey, in the page's current language: sign in, Turn on access,
 * Save, progress with the activation countdown, Connection details, JSON and CSV exports, toggle off
 * with its confirmation, removal, and an org with nothing of the connection left. Each main state is
 * screenshotted as `<name>-<state>.png` and checked by axe-core.
 */
export async function runSeedJourney(host: JourneyHost, labels: UiLabels, name: string): Promise<void> {
  const { page, emulator } = host;
  const panel = salesforcePanel(page, labels);
  await panel.open();
  await checkScreen(page, name, 'connectors');

  await signIn(host, labels);
  await expect(page.getByText(labels.signedInOrg('Contoso (demo)'))).toBeVisible();
  await checkScreen(page, name, 'signed-in');

  await panel.turnOnAndSave();
  await panel.expectRunning(labels.enableTitle);
  await expect(page.getByText(labels.activationSentence)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(labels.activationAttempt)).toBeVisible();
  await expect(panel.progress.locator('[aria-current="step"]')).toHaveCount(1);
  await checkScreen(page, name, 'progress');
  emulator.advanceClock(SEED_ACTIVATION_DELAY_MS);

  await panel.expectConnected();
  const org = emulator.state();
  const app = org.externalClientApps[0];
  const user = org.users.find((u) => u.IsActive && u.ProfileName === INTEGRATION_PROFILE);
  const permissionSet = org.permissionSets[0];
  if (!app || !user || !permissionSet) throw new Error('The org should hold an app, an active integration user and a permission set.');
  const definitions = panel.details.getByRole('definition');
  await expect(definitions.filter({ hasText: String(app.label) })).toBeVisible();
  await expect(definitions.filter({ hasText: user.Username })).toContainText(INTEGRATION_PROFILE);
  await expect(definitions.filter({ hasText: permissionSet.Label })).toContainText(permissionSet.Name);
  await checkScreen(page, name, 'connected');

  const json = await host.exportWith(() => panel.chooseExport('JSON'));
  expect(json.fileName).toMatch(/\.json$/);
  const exported = exportedConnectionSchema.parse(JSON.parse(json.content));
  expect(exported.org.id).toBe(emulator.orgId);
  expect(exported.user).toMatchObject({ id: user.Id, username: user.Username, active: true });
  expect(exported.permissionSet).toMatchObject({ id: permissionSet.Id, apiName: permissionSet.Name });
  expect(exported.app.apiName).toBe(app.fullName);
  expect(exported.grants.some((g) => g.object === 'Account' && g.field === null && g.read)).toBe(true);
  expect(secretsIn(json.content)).toEqual([]);

  const csv = await host.exportWith(() => panel.chooseExport('CSV'));
  expect(csv.fileName).toMatch(/\.csv$/);
  const [header, ...rows] = csv.content.trim().split(/\r?\n/);
  expect(header).toBe('orgId,permissionSet,object,field,read,edit,viewAllRecords,grantedBy');
  expect(rows).toHaveLength(exported.grants.length);
  expect(rows).toContain(`${emulator.orgId},${permissionSet.Name},Account,,yes,no,no,object permission`);
  expect(secretsIn(csv.content)).toEqual([]);

  const dialog = await panel.askToTurnOff();
  await checkScreen(page, name, 'removal-dialog');
  // Salesforce takes its time deleting the app, so the removal's own progress can be seen before it ends.
  emulator.addFault({ soapOperation: 'deleteMetadata', nth: 1, times: 1, respond: { delayMs: 6_000 } });
  await dialog.getByRole('button', { name: labels.turnOffConfirm }).click();
  await expect(dialog).toBeHidden();
  await panel.expectRunning(labels.removalTitle);
  await expect(panel.progress.getByText(labels.removalSteps[0] ?? '')).toBeVisible();
  await screenshot(page, name, 'removing');
  await panel.expectRemoved();
  await checkScreen(page, name, 'removed');
  expectOrgClean(emulator, exported);
}
