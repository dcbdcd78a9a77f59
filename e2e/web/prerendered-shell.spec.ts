import { expect, test, type Page } from '@playwright/test';
import { startBrowserApp, type BrowserApp } from '../support/browser-app';

let browserApp: BrowserApp;
test.beforeEach(async () => {
  browserApp = await startBrowserApp();
});
test.afterEach(() => browserApp.stop());

/** Answers nothing from main, so the screen stays as it first renders; collects what the page reports. */
async function holdApiCalls(page: Page): Promise<string[]> {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().includes('WebSocket')) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  await page.route('**/api/**', () => undefined);
  return problems;
}

/** The screen's markup without what only differs in form: hydration comments, style attribute spacing. */
async function rootMarkup(page: Page): Promise<string> {
  const html = await page.locator('#root').innerHTML();
  return html
    .replace(/<!--[^>]*-->/g, '')
    .replace(/style="([^"]*)"/g, (_all: string, value: string) => `style="${value.replace(/\s+/g, '').replace(/;$/, '')}"`);
}

/** React keeps its props on the elements it manages: there from the moment it has taken the shell over. */
const reactAttached = (page: Page) =>
  page
    .locator('nav button')
    .first()
    .evaluate((button) => Object.keys(button as object).some((key) => key.startsWith('__reactProps')));

test("the pre-rendered shell is the app's own first render, so React takes it over without a mismatch", async ({ page, context }) => {
  // Each load of the page needs its own one-time start URL: the page's session lives in its memory.
  const problems = await holdApiCalls(page);
  await page.goto(browserApp.startUrl());
  await expect(page.getByRole('heading', { name: 'Agent connections' })).toBeVisible();
  await expect.poll(() => reactAttached(page)).toBe(true);
  const hydrated = await rootMarkup(page);

  // The same screen rendered by the client alone, from an index.html without the shell.
  const fresh = await context.newPage();
  await holdApiCalls(fresh);
  await fresh.route(
    (url) => url.pathname === '/',
    async (route) => {
      const response = await route.fetch();
      const body = (await response.text()).replace(
        /<div id="root" data-prerendered="[^"]*">[\s\S]*<\/div>(\s*<\/body>)/,
        '<div id="root"></div>$1',
      );
      await route.fulfill({ response, body });
    },
  );
  await fresh.goto(browserApp.startUrl());
  await expect(fresh.getByRole('heading', { name: 'Agent connections' })).toBeVisible();
  expect(await rootMarkup(fresh)).toBe(hydrated);
  expect(problems).toEqual([]);
});

test('the shell shows the Connectors screen before any script has run', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(browserApp.startUrl());
  await expect(page.getByRole('heading', { name: 'Agent connections' })).toBeVisible();
  await expect(page.getByText('Dynamics 365 Sales')).toBeVisible();
  await context.close();
});

test('on a dark OS the app renders itself dark instead of showing the light shell', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark' });
  const page = await context.newPage();
  await page.goto(browserApp.startUrl());
  await expect(page.getByRole('heading', { name: 'Agent connections' })).toBeVisible();
  await expect(page.locator('body')).not.toHaveCSS('background-color', 'rgb(255, 255, 255)');
  await expect(page.locator('#root')).not.toHaveAttribute('data-prerendered', /.*/);
  await context.close();
});

test('an admin who works in Swedish is served no English shell, and the app starts in Swedish', async ({ browser }) => {
  browserApp.app.settings.update({ language: 'sv' });
  const withoutScripts = await browser.newContext({ javaScriptEnabled: false });
  const bare = await withoutScripts.newPage();
  await bare.goto(browserApp.startUrl());
  await expect(bare.locator('#root')).toBeEmpty();
  await expect(bare.locator('html')).toHaveAttribute('lang', 'sv');
  await withoutScripts.close();

  const context = await browser.newContext();
  const page = await context.newPage();
  // Looks at every frame until the Swedish screen shows: the English heading must never be in one.
  await page.addInitScript(`(() => {
    const look = () => {
      if (document.body && document.body.textContent.includes('Agent connections')) globalThis.sawEnglish = true;
      requestAnimationFrame(look);
    };
    requestAnimationFrame(look);
  })();`);
  await page.goto(browserApp.startUrl());
  await expect(page.getByRole('heading', { name: 'Agentkopplingar' })).toBeVisible();
  expect(await page.evaluate(() => (globalThis as unknown as { sawEnglish?: boolean }).sawEnglish ?? false)).toBe(false);
  await context.close();
});

test('a saved dark theme is served no light shell', async ({ browser }) => {
  browserApp.app.settings.update({ theme: 'dark' });
  const context = await browser.newContext({ javaScriptEnabled: false, colorScheme: 'light' });
  const page = await context.newPage();
  await page.goto(browserApp.startUrl());
  await expect(page.locator('#root')).toBeEmpty();
  await context.close();
});
