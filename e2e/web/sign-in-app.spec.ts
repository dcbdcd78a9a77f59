import { expect, test, type BrowserContext, type Page } from '@playwright/test';
import { freePort } from '../support/free-port';
import { salesforcePanel } from '../support/salesforce-panel';
import { english } from '../support/ui-labels';
import { startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney();
});
test.afterEach(() => journey.stop());

const second = { username: 'alex.admin@contoso-demo.example', password: 'Cloned-Admin-2026!' };

/** Sign in from the card; Chromium's new tab stands in for the system browser, where `who` logs in. */
async function signInAs(page: Page, context: BrowserContext, who: { username: string; password: string }): Promise<Page> {
  const tabOpened = context.waitForEvent('page');
  await page.getByRole('button', { name: english.signIn, exact: true }).click();
  const tab = await tabOpened;
  await tab.getByLabel('Username').fill(who.username);
  await tab.getByLabel('Password').fill(who.password);
  await tab.getByRole('button', { name: 'Log In' }).click();
  await tab.getByRole('button', { name: 'Allow' }).click();
  // The app's loopback callback answers, whether Salesforce sent a code or a refusal.
  await tab.waitForURL(/\/OauthRedirect\?/);
  await tab.waitForLoadState();
  return tab;
}

test('a cloned admin blocked on the default client signs in with the sign-in app an admin set up, and Turn on access connects', async ({
  page,
  context,
}) => {
  // Two sign-ins, the sign-in app, an Enable and a Turn off: a long journey on a loaded machine.
  test.setTimeout(240_000);
  const { emulator } = journey;
  emulator.addClonedAdmin(second);
  await journey.open(page, context);
  const panel = salesforcePanel(page, english);
  await panel.open();

  // The default client is not installed in the org; a cloned admin profile may not use it.
  const refused = await signInAs(page, context, second);
  await refused.close();
  await expect(page.getByText(/this app is blocked by admin/).first()).toBeVisible();
  await expect(page.getByText(/sets up a sign-in app for the org/).first()).toBeVisible();

  const admin = await signInAs(page, context, emulator.admin);
  await expect(admin.getByRole('heading', { name: 'Signed in to Salesforce' })).toBeVisible();
  await admin.close();
  await expect(page.getByText(english.signedInOrg('Contoso (demo)'))).toBeVisible();

  await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('button', { name: /^Set up a sign-in app for / }).click();
  const dialog = page.getByRole('dialog', { name: 'Set up a sign-in app for this org' });
  const port = await freePort();
  await dialog.getByLabel('Callback port').fill(String(port));
  await dialog.getByLabel(/Also give the permission set to/).fill(second.username);
  await dialog.getByRole('button', { name: 'Review' }).click();
  const plan = dialog.getByRole('region', { name: 'What will change in the org' });
  await expect(plan.getByText(/Create the permission set "Agent Connections admins"/)).toBeVisible();
  await expect(plan.getByText(new RegExp(`callback http://localhost:${port}/OauthRedirect, scopes api refresh_token web`))).toBeVisible();
  expect(emulator.state().externalClientApps).toHaveLength(0);
  await dialog.getByRole('button', { name: 'Create sign-in app' }).click();
  await expect(dialog.getByText(/The sign-in app is ready/)).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(page.getByText("Org's sign-in app")).toBeVisible();
  await expect(page.getByText(new RegExp(`client (?!PlatformCLI)\\S+, port ${port}`))).toBeVisible();

  // A fresh sign-in with the org's app, as the second admin.
  await panel.open();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  const signedIn = await signInAs(page, context, second);
  await expect(signedIn.getByRole('heading', { name: 'Signed in to Salesforce' })).toBeVisible();
  await signedIn.close();
  await expect(page.getByText(new RegExp(second.username)).first()).toBeVisible();

  await panel.turnOnAndSave();
  await panel.expectConnected();
  await page.screenshot({ path: 'e2e/artifacts/sign-in-app-connected.png', fullPage: true });

  // Turning access off removes the agent's app and nothing of the admins' sign-in app.
  const turnOff = await panel.askToTurnOff();
  await turnOff.getByRole('button', { name: english.turnOffConfirm }).click();
  await panel.expectRemoved();
  expect(emulator.state().externalClientApps.map((a) => a.fullName)).toEqual(['Agent_Connections_Sign_In']);
  expect(emulator.state().permissionSets.map((p) => p.Name)).toContain('Agent_Connections_admins');
  await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByText(new RegExp(`client (?!PlatformCLI)\\S+, port ${port}`))).toBeVisible();
});
