import { expect, test, type Page } from '@playwright/test';
import type { EmulatorOptions } from '../../packages/salesforce-emulator/index';
import { signIn } from '../support/journey-host';
import { salesforcePanel } from '../support/salesforce-panel';
import { grantsInOrg, openReview } from '../support/trust-journeys';
import { english } from '../support/ui-labels';
import { startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney | undefined;
test.afterEach(() => journey?.stop());

/** The demo org (sample records, its org-wide defaults changed by `sharing`), signed in, Turn on access with the default access. */
async function enabledInDemoOrg(page: Page, context: Parameters<WebJourney['open']>[1], sharing: EmulatorOptions['sharing'] = {}) {
  const started = await startWebJourney({ seed: 'demo', sharing });
  journey = started;
  const host = await started.open(page, context);
  const panel = salesforcePanel(page, english);
  await panel.open();
  await signIn(host, english);
  await panel.turnOnAndSave();
  await panel.expectConnected();
  const card = page.getByRole('region', { name: 'What the agent sees' });
  return { panel, emulator: started.emulator, line: (object: string) => card.getByRole('status', { name: object }) };
}

test('Account Private: the agent sees none, the admin grants View All through the review, and it sees them all', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  const { panel, emulator, line } = await enabledInDemoOrg(page, context);
  const account = line('Account');
  await expect(account).toContainText(
    "The agent sees 0 of 5 Account records: Account's org-wide default is Private and the integration user owns none of them and has no role.",
  );
  await expect(account).toContainText('Fix: View All Records on Account');

  // The fix opens the agent's access with View All on Account already on; the admin still saves it.
  await account.getByRole('button', { name: 'Change access…' }).click();
  const dialog = page.getByRole('dialog', { name: english.agentAccessDialog });
  await expect(dialog.getByRole('switch', { name: 'View all records' })).toBeChecked();
  await dialog.getByRole('button', { name: english.save, exact: true }).click();
  await expect(dialog).toBeHidden();

  const escalation = page.getByRole('alert').filter({ hasText: 'Update access will also grant:' });
  await expect(escalation.getByRole('listitem')).toHaveText(['Account: View All Records']);
  await page.getByRole('alert').getByRole('button', { name: english.updateAccess }).first().click();
  const review = await openReview(page, 'Review: update access');
  // One row per object, as Setup shows it: the change and that it widens access.
  const accountRow = review.getByRole('table', { name: "The agent's access" }).getByRole('row', { name: /^Account\b/ });
  await expect(accountRow).toContainText('Read → Read + View All Records');
  await expect(accountRow).toContainText('Widens access');
  await review.getByRole('button', { name: english.reviewConfirm }).click();
  await expect(page.getByText('Access updated.')).toBeVisible({ timeout: 30_000 });
  await panel.expectConnected();
  expect(grantsInOrg(emulator)).toContain('Account: R-V');

  await expect(account).toContainText('The agent sees 5 of 5 Account records: the agent has View All Records on Account.', {
    timeout: 30_000,
  });
  await expect(account.getByRole('button', { name: 'Change access…' })).toBeHidden();
});

test('the demo defaults: Opportunity Public Read Only is seen in full; Contact follows its Private parent', async ({ page, context }) => {
  test.setTimeout(90_000);
  const { line } = await enabledInDemoOrg(page, context);
  const opportunity = line('Opportunity');
  await expect(opportunity).toContainText(
    /The agent sees (\d+) of \1 Opportunity records: Opportunity's org-wide default lets every user read/,
  );
  await expect(opportunity.getByRole('button', { name: 'Change access…' })).toBeHidden();
  await expect(line('Contact')).toContainText(
    /The agent sees 0 of \d+ Contact records: Contact's org-wide default is Controlled by Parent: the agent sees those whose parent record it can see\./,
  );
});

test('Account Public Read/Write: the agent sees every Account and no fix is offered', async ({ page, context }) => {
  test.setTimeout(90_000);
  const { line } = await enabledInDemoOrg(page, context, { Account: 'ReadWrite' });
  const account = line('Account');
  await expect(account).toContainText(
    "The agent sees 5 of 5 Account records: Account's org-wide default lets every user read its records.",
  );
  await expect(account.getByRole('button', { name: 'Change access…' })).toBeHidden();
});

test('Opportunity Private: the agent sees none and View All Records on Opportunity is offered', async ({ page, context }) => {
  test.setTimeout(90_000);
  const { line } = await enabledInDemoOrg(page, context, { Opportunity: 'Private' });
  const opportunity = line('Opportunity');
  await expect(opportunity).toContainText(/The agent sees 0 of \d+ Opportunity records: Opportunity's org-wide default is Private/);
  await expect(opportunity).toContainText('Fix: View All Records on Opportunity');
  await expect(opportunity.getByRole('button', { name: 'Change access…' })).toBeVisible();
});
