import { expect, test } from '@playwright/test';
import { startBrowserApp, type BrowserApp } from '../support/browser-app';

let browserApp: BrowserApp;
test.beforeEach(async () => {
  browserApp = await startBrowserApp();
});
test.afterEach(() => browserApp.stop());

test('the Connectors screen lists Dynamics 365 Sales and Salesforce', async ({ page }) => {
  await page.goto(browserApp.startUrl());
  await expect(page.getByRole('heading', { name: 'Agent connections' })).toBeVisible();
  await expect(page.getByText('Dynamics 365 Sales')).toBeVisible();
  await expect(page.getByText('Connected — no setup needed')).toBeVisible();
  await expect(page.getByText('Salesforce', { exact: true }).first()).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/connectors.png', fullPage: true });
});

test('Salesforce opens a panel where Turn on access waits for sign-in', async ({ page }) => {
  await page.goto(browserApp.startUrl());
  await page
    .getByRole('button', { name: /Salesforce/ })
    .first()
    .click();
  const toggle = page.getByRole('switch', { name: 'Turn on access' });
  await expect(toggle).toBeDisabled();
  await expect(page.getByText('Sign in to Salesforce first').first()).toBeVisible();
});

test('keyboard alone reaches the navigation and the Salesforce panel', async ({ page }) => {
  await page.goto(browserApp.startUrl());
  await expect(page.getByRole('heading', { name: 'Agent connections' })).toBeVisible();
  for (let i = 0; i < 25; i += 1) {
    await page.keyboard.press('Tab');
    const name = (await page.locator(':focus').textContent()) ?? '';
    if (/Salesforce/.test(name)) break;
  }
  await page.keyboard.press('Enter');
  await expect(page.getByRole('switch', { name: 'Turn on access' })).toBeVisible();
});

test('switching the language to Swedish shows Swedish', async ({ page }) => {
  await page.goto(browserApp.startUrl());
  await page.getByRole('navigation').getByRole('button', { name: 'Settings', exact: true }).click();
  await page.getByRole('combobox', { name: 'Language' }).click();
  await page.getByRole('option', { name: 'Svenska' }).click();
  await page.getByRole('navigation').getByRole('button', { name: 'Kopplingar', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Agentkopplingar' })).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/connectors-sv.png', fullPage: true });
});

test('a request from a foreign origin is refused', async ({ page, request }) => {
  await page.goto(browserApp.startUrl());
  const origin = new URL(page.url()).origin;
  const response = await request.post(`${origin}/api/connectors.list`, { data: {}, headers: { origin: 'https://evil.example' } });
  expect(response.status()).toBe(403);
});
