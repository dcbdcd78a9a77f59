import { readFile } from 'node:fs/promises';
import { expect, type BrowserContext, type Page } from '@playwright/test';
import { startEmulator, type EmulatorOptions, type StartedEmulator } from '../../packages/salesforce-emulator/index';
import { startBrowserApp, type BrowserApp } from './browser-app';
import { freePort } from './free-port';
import type { JourneyHost } from './journey-host';

export interface WebJourney {
  emulator: StartedEmulator;
  browserApp: BrowserApp;
  /** Opens the app in `page` (its one-time start URL) and returns the journey's host for that page. */
  open(page: Page, context: BrowserContext): Promise<JourneyHost>;
  stop(): Promise<void>;
}

/**
 * A fresh emulated org and browser mode signed in to nothing yet, with the "Demo org" profile pointing
 * at the org and a sign-in callback port of its own (the emulator trusts only that redirect URI).
 */
export async function startWebJourney(
  options: Pick<EmulatorOptions, 'activationDelayMs' | 'seed' | 'sharing' | 'userRules' | 'microsoftSalesAgent'> = {},
): Promise<WebJourney> {
  const emulator = await startEmulator({ seed: 'empty', ...options, activationDelayMs: options.activationDelayMs ?? 0 });
  const callbackPort = await freePort();
  emulator.registerSignInClient({ clientId: 'PlatformCLI', redirectUris: [`http://localhost:${callbackPort}/OauthRedirect`] });
  const browserApp = await startBrowserApp({ demoLoginUrl: emulator.instanceUrl, callbackPort });
  return {
    emulator,
    browserApp,
    async open(page, context) {
      await page.goto(browserApp.startUrl());
      return browserHost(page, context, emulator);
    },
    async stop() {
      await browserApp.stop();
      await emulator.stop();
    },
  };
}

/**
 * Browser mode: the page opens Salesforce's authorize URL in a new tab, where Playwright stands in for
 * the admin; the redirect reaches the app's loopback server. Exports arrive as downloads.
 */
function browserHost(page: Page, context: BrowserContext, emulator: StartedEmulator): JourneyHost {
  return {
    page,
    emulator,
    async signInWith(press) {
      const tabOpened = context.waitForEvent('page');
      await press();
      await completeLoginInTab(await tabOpened, emulator);
    },
    async exportWith(choose) {
      const downloaded = page.waitForEvent('download');
      await choose();
      const download = await downloaded;
      return { fileName: download.suggestedFilename(), content: await readFile(await download.path(), 'utf8') };
    },
  };
}

/** The emulator's login and consent pages, as an admin fills them in; closes the tab when it says done. */
async function completeLoginInTab(tab: Page, emulator: StartedEmulator): Promise<void> {
  await expect(tab).toHaveURL(/\/services\/oauth2\/authorize\?/);
  await tab.getByLabel('Username').fill(emulator.admin.username);
  await tab.getByLabel('Password').fill(emulator.admin.password);
  await tab.getByRole('button', { name: 'Log In' }).click();
  await tab.getByRole('button', { name: 'Allow' }).click();
  await expect(tab.getByRole('heading', { name: 'Signed in to Salesforce' })).toBeVisible();
  await tab.close();
}
