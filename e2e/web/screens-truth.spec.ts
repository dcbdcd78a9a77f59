import { expect, test, type Page } from '@playwright/test';
import type { StartedEmulator } from '../../packages/salesforce-emulator/index';
import { signIn } from '../support/journey-host';
import { switchToSwedish } from '../support/language';
import { salesforcePanel } from '../support/salesforce-panel';
import { checkScreen } from '../support/screen-check';
import { anotherToolSignsIn, PERMISSION_SET } from '../support/trust-journeys';
import { english, swedish } from '../support/ui-labels';
import { startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney | undefined;
test.afterEach(() => journey?.stop());

/** What these screens say, in each language (the rest comes from the shared labels). */
const said = {
  en: {
    labels: english,
    test: 'Test connection',
    seesNothing: /The agent signs in, but sees no records of some objects: .*Account 0 of 5/,
    grants: 'Granted objects and fields',
    inactive: /Inactive/,
    brokenUser: 'The integration user is inactive.',
    activity: 'Activity',
    summary: 'What happened',
  },
  sv: {
    labels: swedish,
    test: 'Testa anslutningen',
    seesNothing: /Agenten loggar in men ser inga poster i vissa objekt: .*Account 0 av 5/,
    grants: 'Objekt och fält med åtkomst',
    inactive: /Inaktiv/,
    brokenUser: 'Integrationsanvändaren är inaktiv.',
    activity: 'Aktivitet',
    summary: 'Vad som hände',
  },
} as const;

/** An admin in Setup (another tool, the same org): deletes one field permission and deactivates the integration user. */
async function changeInSetup(emulator: StartedEmulator): Promise<void> {
  const token = await anotherToolSignsIn(emulator);
  const org = emulator.state();
  const set = org.permissionSets.find((p) => p.Name === PERMISSION_SET);
  const email = org.fieldPermissions.find((f) => f.ParentId === set?.Id && f.Field === 'Contact.Email');
  const user = org.users.find((u) => String(u.Username).startsWith('sales-agent.'));
  const call = (method: string, path: string, body?: object) =>
    fetch(`${emulator.instanceUrl}/services/data/v66.0/sobjects/${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      ...(body && { body: JSON.stringify(body) }),
    });
  expect((await call('DELETE', `FieldPermissions/${String(email?.Id)}`)).status).toBe(204);
  expect((await call('PATCH', `User/${String(user?.Id)}`, { IsActive: false })).status).toBe(204);
}

async function journeyIn(page: Page, context: Parameters<WebJourney['open']>[1], language: keyof typeof said): Promise<void> {
  test.setTimeout(150_000);
  const { labels, test: testLabel, seesNothing, grants, inactive, brokenUser, activity, summary } = said[language];
  journey = await startWebJourney({ seed: 'demo', activationDelayMs: 8_000 });
  await page.setViewportSize({ width: 1280, height: 900 });
  const host = await journey.open(page, context);
  if (language === 'sv') await switchToSwedish(page);
  const panel = salesforcePanel(page, labels);
  await panel.open();
  await signIn(host, labels);

  // After Confirm the progress is in the window and has the focus, not below the fold.
  await panel.turnOnAndSave();
  const progress = page.getByRole('heading', { name: labels.enableTitle });
  await expect(progress).toBeFocused();
  await expect(progress).toBeInViewport();
  await checkScreen(page, `screens-truth-${language}`, 'progress');
  await panel.expectConnected();

  // Signing in and reading nothing is not "works": the verdict says what the agent sees.
  await panel.details.getByRole('button', { name: testLabel }).click();
  await expect(panel.details.getByRole('alert').filter({ hasText: seesNothing })).toBeVisible({ timeout: 30_000 });

  // Changed in Setup: after a check the details no longer list the removed grant nor call the user active.
  const table = panel.details.getByRole('table', { name: grants });
  await expect(table.getByRole('row').filter({ hasText: /Contact\s*Email/ })).toHaveCount(1);
  await changeInSetup(journey.emulator);
  await panel.details.getByRole('button', { name: testLabel }).click();
  await expect(table.getByRole('row').filter({ hasText: /Contact\s*Email/ })).toHaveCount(0, { timeout: 30_000 });
  await expect(panel.details.getByText(inactive).first()).toBeVisible();
  // The test's findings by name, never the check's internal codes.
  await expect(panel.details.getByText(brokenUser)).toBeVisible();
  await expect(panel.details.getByText('user inactive')).toHaveCount(0);
  await checkScreen(page, `screens-truth-${language}`, 'changed-in-setup');

  // At 600 px the Activity table scrolls sideways; its summaries read as lines, not a letter per line.
  await page.setViewportSize({ width: 600, height: 900 });
  await page.getByRole('navigation').getByRole('button', { name: activity, exact: true }).click();
  const firstSummary = page.getByRole('table').getByRole('row').nth(1).getByRole('cell').nth(3);
  await expect(page.getByRole('columnheader', { name: summary })).toBeVisible();
  expect((await firstSummary.boundingBox())?.width ?? 0).toBeGreaterThan(200);
  await checkScreen(page, `screens-truth-${language}`, 'activity-600');
}

test('after Confirm the progress is in view; Test says what the agent sees; a change in Setup shows in the details', async ({
  page,
  context,
}) => {
  await journeyIn(page, context, 'en');
});

test('på svenska: förloppet syns efter Bekräfta; testet säger vad agenten ser; en ändring i Setup syns i detaljerna', async ({
  page,
  context,
}) => {
  await journeyIn(page, context, 'sv');
});
