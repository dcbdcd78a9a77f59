import { expect, type BrowserContext, type Page } from '@playwright/test';
import { startEmulator, type EmulatorOptions, type StartedEmulator } from '../salesforce-emulator';
import { startBrowserApp, type BrowserApp } from './browser-app';
import { freePort } from './free-port';
import type { UiLabels } from './ui-labels';

export interface WebJourney {
  emulator: StartedEmulator;
  browserApp: BrowserApp;
  stop(): Promise<void>;
}

/**
 * A fresh emulated org and browser mode signed in to nothing yet, with the "Demo org" profile pointing
 * at the org and a sign-in callback port of its own (the emulator trusts only that redirect URI).
 */
export async function startWebJourney(options: Pick<EmulatorOptions, 'activationDelayMs'> = {}): Promise<WebJourney> {
  const emulator = await startEmulator({ seed: 'empty', activationDelayMs: options.activationDelayMs ?? 0 });
  const callbackPort = await freePort();
  emulator.registerSignInClient({ clientId: 'PlatformCLI', redirectUris: [`http://localhost:${callbackPort}/OauthRedirect`] });
  const browserApp = await startBrowserApp({ demoLoginUrl: emulator.loginUrl, callbackPort });
  return {
    emulator,
    browserApp,
    async stop() {
      await browserApp.stop();
      await emulator.stop();
    },
  };
}

/**
 * Sign in as the admin would in browser mode: the app opens Salesforce's authorize page in a new tab,
 * where Playwright stands in for the admin (login form, then Allow); the redirect reaches the app's
 * loopback server, and the tab says so. Ends with the app showing who is signed in.
 */
export async function signInThroughBrowserTab(page: Page, context: BrowserContext, emulator: StartedEmulator, labels: UiLabels): Promise<void> {
  const tabOpened = context.waitForEvent('page');
  await page.getByRole('button', { name: labels.signIn, exact: true }).click();
  const tab = await tabOpened;
  await completeLoginInTab(tab, emulator);
  const admin = emulator.state().users.find((u) => u.Id === emulator.admin.userId);
  await expect(page.getByText(labels.signedInAs(admin?.Name ?? '?', emulator.admin.username))).toBeVisible();
}

/** The emulator's login and consent pages, as an admin fills them in; closes the tab when it says done. */
export async function completeLoginInTab(tab: Page, emulator: StartedEmulator): Promise<void> {
  await expect(tab).toHaveURL(/\/services\/oauth2\/authorize\?/);
  await tab.getByLabel('Username').fill(emulator.admin.username);
  await tab.getByLabel('Password').fill(emulator.admin.password);
  await tab.getByRole('button', { name: 'Log In' }).click();
  await tab.getByRole('button', { name: 'Allow' }).click();
  await expect(tab.getByRole('heading', { name: 'Signed in to Salesforce' })).toBeVisible();
  await tab.close();
}
