import { expect, test, type Page } from '@playwright/test';
import { startEmulator, type StartedEmulator } from '../../packages/salesforce-emulator/index';
import { freePort } from '../support/free-port';
import { browserLoginArgs, runCli, tempDataDir } from '../support/run-cli';
import { jsonResult } from '../../test/support/cli-json';

let emulator: StartedEmulator;
test.beforeAll(async () => {
  emulator = await startEmulator({ seed: 'empty' });
});
test.afterAll(() => emulator.stop());

/** Chromium stands in for the system browser the admin would open the printed address in. */
async function loginWithChromium(page: Page, consent: 'Allow' | 'Deny') {
  const port = await freePort();
  emulator.registerSignInClient({ clientId: 'CliBrowserTest', redirectUris: [`http://localhost:${port}/OauthRedirect`] });
  const env = { AGENT_CONNECTIONS_DATA_DIR: tempDataDir() };
  const login = runCli(browserLoginArgs(emulator.instanceUrl, 'CliBrowserTest', port), env);
  await page.goto(await login.line(/^http:\/\/.*\/services\/oauth2\/authorize\?/));
  await page.getByLabel('Username').fill(emulator.admin.username);
  await page.getByLabel('Password').fill(emulator.admin.password);
  await page.getByRole('button', { name: 'Log In' }).click();
  await page.getByRole('button', { name: consent }).click();
  return { login, env };
}

test('CLI login --no-browser completes in a real browser and whoami shows the admin', async ({ page }) => {
  const { login, env } = await loginWithChromium(page, 'Allow');
  await expect(page.getByRole('heading', { name: 'Signed in to Salesforce' })).toBeVisible();
  await expect(page.getByText('return to Agent Connections')).toBeVisible();
  expect(await login.code).toBe(0);
  const whoami = runCli(['whoami', '--json'], env);
  expect(await whoami.code).toBe(0);
  expect(jsonResult(whoami.stdout)).toMatchObject({
    state: 'signedIn',
    identity: { username: emulator.admin.username, orgId: emulator.orgId },
  });
  expect(await runCli(['logout'], env).code).toBe(0);
});

test('denying access shows Salesforce’s reason in the tab and fails the CLI login', async ({ page }) => {
  const { login } = await loginWithChromium(page, 'Deny');
  await expect(page.getByRole('heading', { name: 'Sign-in failed' })).toBeVisible();
  await expect(page.getByText('end-user denied authorization')).toBeVisible();
  expect(await login.code).toBe(1);
  expect(login.stderr).toContain('end-user denied authorization');
});
