import { expect, test } from '@playwright/test';
import { signIn } from '../support/journey-host';
import { runCli } from '../support/run-cli';
import { salesforcePanel } from '../support/salesforce-panel';
import { changeAgentAccess, expectAccessRow, grantsInOrg, openReview, setField, setViewAll } from '../support/trust-journeys';
import { english } from '../support/ui-labels';
import { startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney();
});
test.afterEach(() => journey.stop());

test('View All and a field: Update access shows the escalation; narrowing them back is applied; the activity log has it all', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const host = await journey.open(page, context);
  const { emulator, browserApp } = journey;
  const username = emulator.admin.username;
  const panel = salesforcePanel(page, english);
  await panel.open();
  await signIn(host, english);
  await panel.turnOnAndSave();
  await panel.expectConnected();
  const desired = grantsInOrg(emulator);
  expect(desired).toContain('Account: R--');

  // Widen: View all records on Account and one more field. The notice names both, View All as an escalation.
  await changeAgentAccess(page, 'Account', async (dialog) => {
    await setViewAll(dialog, true);
    await setField(dialog, 'Tier__c', true);
  });
  const needsUpdate = page.getByRole('alert').filter({ hasText: 'The agent needs access the connection does not grant.' });
  await expect(needsUpdate.getByRole('listitem')).toHaveText(['Account.Tier__c']);
  const escalation = page.getByRole('alert').filter({ hasText: 'Update access will also grant:' });
  await expect(escalation.getByRole('listitem')).toHaveText(['Account: View All Records']);

  await needsUpdate.getByRole('button', { name: english.updateAccess }).click();
  let review = await openReview(page, 'Review: update access');
  await expectAccessRow(review, 'Account', [/Read → Read \+ View All Records\s*Widens access/, /Tier__c: Read/]);
  await expect(review.getByText('The agent gets Edit or View All Records access it did not have.')).toBeVisible();
  await review.getByRole('button', { name: english.reviewConfirm }).click();
  await expect(page.getByText('Access updated.')).toBeVisible({ timeout: 30_000 });
  await panel.expectConnected();
  expect(grantsInOrg(emulator)).toEqual([...desired.filter((g) => g !== 'Account: R--'), 'Account: R-V', 'Account.Tier__c: R-'].sort());

  // Narrow: take both out again. Not Connected until Update access; the notice says this app granted them.
  await changeAgentAccess(page, 'Account', async (dialog) => {
    await setViewAll(dialog, false);
    await setField(dialog, 'Tier__c', false);
  });
  await expect(panel.details.getByText(english.connected, { exact: true })).toBeHidden();
  const narrowed = page.getByRole('alert').filter({ hasText: 'Granted earlier by this app and since taken out' });
  await expect(narrowed.getByRole('listitem')).toHaveText(['Account: View All Records', 'Account.Tier__c: Read']);
  await expect(page.getByText('Added by hand in Salesforce')).toBeHidden();

  await page.getByRole('alert').getByRole('button', { name: english.updateAccess }).first().click();
  review = await openReview(page, 'Review: update access');
  await expectAccessRow(review, 'Account', ['Read + View All Records → Read', 'Tier__c: Removed (was Read)']);
  await expect(review.getByText('The agent loses access it has today.')).toBeVisible();
  await review.getByRole('button', { name: english.reviewConfirm }).click();
  await panel.expectConnected();
  expect(grantsInOrg(emulator)).toEqual(desired);

  // An export, then the activity log: readable entries, the Salesforce user as actor.
  await host.exportWith(() => panel.chooseExport('JSON'));
  await page.getByRole('navigation').getByRole('button', { name: 'Activity', exact: true }).click();
  const log = page.getByRole('table', { name: 'Activity log' });
  const rows = (operation: string) => log.getByRole('row').filter({ hasText: operation });
  const accessChanges = rows("Change the agent's access");
  await expect(accessChanges.filter({ hasText: 'View All Records turned on: Account' })).toContainText('Fields added: Account.Tier__c');
  await expect(accessChanges.filter({ hasText: 'View All Records turned off: Account' })).toContainText('Fields removed: Account.Tier__c');
  for (const row of await accessChanges.all()) await expect(row).toContainText(username);
  await expect(rows('Update access')).toHaveCount(2);
  for (const row of await rows('Update access').all()) await expect(row).toContainText('Tier__c');
  await expect(rows('Export connection details')).toContainText(username);
  // Operations in words, not code names.
  await expect(log).not.toContainText(/connection\.\w|agent\.accessProfile/);

  // The CLI exports the same log from this install's data directory.
  const exported = runCli(['audit', 'export', '--format', 'json'], { AGENT_CONNECTIONS_DATA_DIR: browserApp.dataDir });
  expect(await exported.code).toBe(0);
  const entries = JSON.parse(exported.stdout) as { operation: string; actor: string; access?: { viewAllOn: string[] } }[];
  expect(entries.filter((e) => e.operation === 'connection.updateAccess')).toHaveLength(2);
  expect(entries.some((e) => e.operation === 'agent.accessProfile.update' && e.access?.viewAllOn.includes('Account'))).toBe(true);
  expect(entries.find((e) => e.operation === 'connection.export')?.actor).toBe(username);
});
