import { expect, test } from '@playwright/test';
import { signIn } from '../support/journey-host';
import { salesforcePanel } from '../support/salesforce-panel';
import { english } from '../support/ui-labels';
import { startWebJourney, type WebJourney } from '../support/web-journey';

// Long enough that the run is still waiting for activation when the admin cancels.
const ACTIVATION_DELAY_MS = 10 * 60_000;

// What Turn on access has created by the time it waits for activation, as the cancel dialog names it.
const CREATED = [
  'Permission set',
  'Access grants',
  'Integration user',
  'Licence',
  'Permission set assignment',
  'Agent key pair',
  'External client app',
];

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney({ activationDelayMs: ACTIVATION_DELAY_MS });
});
test.afterEach(() => journey.stop());

test('cancelling Turn on access while it waits for activation removes what it created', async ({ page, context }) => {
  const host = await journey.open(page, context);
  const { emulator } = host;
  const panel = salesforcePanel(page, english);
  await panel.open();
  await signIn(host, english);
  const usersBefore = emulator.state().users.map((u) => u.Id);

  await panel.turnOnAndSave();
  // A review of the plan before anything runs, where the build has one.
  const review = page.getByRole('dialog').filter({ hasText: /review|before/i });
  if (await review.isVisible({ timeout: 2_000 }).catch(() => false))
    await review.getByRole('button', { name: /turn on|confirm|continue/i }).click();

  await expect(page.getByText(/Waiting .* since the app was created/)).toBeVisible({ timeout: 30_000 });
  expect(emulator.state().externalClientApps).toHaveLength(1);

  await page.getByRole('button', { name: 'Cancel run' }).click();
  const dialog = page.getByRole('dialog', { name: 'Cancel this run?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText('Cancelling stops the run and removes what it created so far:')).toBeVisible();
  for (const step of CREATED) await expect(dialog.getByRole('listitem').filter({ hasText: new RegExp(`^${step}$`) })).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel the run' }).click();

  await expect(page.getByText('The run was cancelled; what it had created so far was removed.')).toBeVisible({ timeout: 30_000 });
  await expect(panel.toggle).not.toBeChecked();
  await expect(panel.toggle).toBeEnabled();
  await expect(panel.details).toBeHidden();

  const org = emulator.state();
  expect(org.externalClientApps).toEqual([]);
  expect(org.permissionSets.map((p) => p.Name)).not.toContain('Sales_Agent_Permission_Set');
  // Salesforce cannot delete users: the one the run made is deactivated, its licence and assignment gone.
  const madeByRun = org.users.filter((u) => !usersBefore.includes(u.Id));
  expect(madeByRun).toHaveLength(1);
  for (const user of madeByRun) {
    expect(user.IsActive).toBe(false);
    expect(org.permissionSetAssignments.filter((a) => a.AssigneeId === user.Id)).toEqual([]);
    expect(org.permissionSetLicenseAssigns.filter((a) => a.AssigneeId === user.Id)).toEqual([]);
  }
});
