import { expect, test, type Page } from '@playwright/test';
import jsforce from 'jsforce';
import { VERSION, type StartedEmulator } from '../../packages/salesforce-emulator/index';
import { signIn, type JourneyHost } from '../support/journey-host';
import { switchToSwedish } from '../support/language';
import { salesforcePanel } from '../support/salesforce-panel';
import { checkScreen } from '../support/screen-check';
import { anotherToolSignsIn } from '../support/trust-journeys';
import { english, swedish } from '../support/ui-labels';
import { startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney();
});
test.afterEach(() => journey.stop());

/** What this journey reads besides the panel's shared labels, in each language. */
const words = {
  en: {
    labels: english,
    overview: 'Overview',
    credentialsMenu: 'Export agent credentials…',
    credentialsTitle: 'Export agent credentials',
    passphrase: 'Passphrase',
    repeat: 'Type the passphrase again',
    exportCredentials: 'Export credentials',
    bannerTitle: 'Give the agent its new credentials',
    bannerText: /rebuilt on .* with a new consumer key.*The last export, on .*, was for the earlier one/,
    owedInOverview: 'New credentials not yet given to the agent',
  },
  sv: {
    labels: swedish,
    overview: 'Översikt',
    credentialsMenu: 'Exportera agentens inloggningsuppgifter…',
    credentialsTitle: 'Exportera agentens inloggningsuppgifter',
    passphrase: 'Lösenfras',
    repeat: 'Skriv lösenfrasen igen',
    exportCredentials: 'Exportera inloggningsuppgifter',
    bannerTitle: 'Ge agenten dess nya inloggningsuppgifter',
    bannerText: /byggdes om .* med en ny konsumentnyckel.*Den senaste exporten, .*, gällde den tidigare/,
    owedInOverview: 'Nya inloggningsuppgifter har inte getts till agenten',
  },
} as const;
type Words = (typeof words)[keyof typeof words];

/** Another tool deletes the agent's External Client App through the Metadata API, its parts first, as an admin in Setup would. */
async function deleteAppWithAnotherTool(emulator: StartedEmulator): Promise<void> {
  const token = await anotherToolSignsIn(emulator);
  const connection = new jsforce.Connection({ instanceUrl: emulator.instanceUrl, accessToken: token, version: VERSION });
  const app = emulator.state().externalClientApps[0] as Record<string, { fullName?: string } | null | undefined> & { fullName: string };
  const parts: [string, string | undefined][] = [
    ['ExtlClntAppOauthConfigurablePolicies', app.oauthPolicies?.fullName],
    ['ExtlClntAppConfigurablePolicies', app.policies?.fullName],
    ['ExtlClntAppGlobalOauthSettings', app.globalOauthSettings?.fullName],
    ['ExtlClntAppOauthSettings', app.oauthSettings?.fullName],
    ['ExternalClientApplication', app.fullName],
  ];
  for (const [type, name] of parts) if (name) await connection.metadata.delete(type, [name]);
  expect(emulator.state().externalClientApps).toEqual([]);
}

async function exportCredentials(host: JourneyHost, w: Words, open: () => Promise<void>): Promise<{ appId: string; consumerKey: string }> {
  await open();
  const dialog = host.page.getByRole('dialog', { name: w.credentialsTitle });
  await dialog.getByLabel(w.passphrase, { exact: true }).fill('correct horse battery staple');
  await dialog.getByLabel(w.repeat).fill('correct horse battery staple');
  const file = await host.exportWith(() => dialog.getByRole('button', { name: w.exportCredentials }).click());
  await expect(dialog).toBeHidden();
  return JSON.parse(file.content) as { appId: string; consumerKey: string };
}

async function goTo(page: Page, name: string): Promise<void> {
  await page.getByRole('navigation').getByRole('button', { name, exact: true }).click();
}

for (const [language, w] of Object.entries(words)) {
  test(`after Reconnect the hand-over banner stays until the credentials are exported (${language})`, async ({ page, context }) => {
    test.setTimeout(300_000);
    const host = await journey.open(page, context);
    if (language === 'sv') await switchToSwedish(page);
    const { labels } = w;
    const panel = salesforcePanel(page, labels);
    await panel.open();
    await signIn(host, labels);
    await panel.turnOnAndSave();
    await panel.expectConnected();
    const held = await exportCredentials(host, w, async () => {
      await panel.details.getByRole('button', { name: labels.export }).click();
      await page.getByRole('menuitem', { name: w.credentialsMenu }).click();
    });
    const banner = page.getByRole('alert').filter({ hasText: w.bannerTitle });
    await expect(banner).toBeHidden();

    // The app is deleted in the org: the only way back is to rebuild it, with a new consumer key.
    await deleteAppWithAnotherTool(journey.emulator);
    await page.goto(journey.browserApp.startUrl());
    await panel.open();
    await page.getByRole('button', { name: labels.reconnect }).first().click({ timeout: 30_000 });
    await panel.confirmReview();
    await panel.expectConnected();
    await expect(banner).toBeVisible();
    await expect(banner).toContainText(w.bannerText);
    await checkScreen(page, `hand-over-${language}`, 'owed');

    // It stays: on the overview, and back on the connection's screen.
    await goTo(page, w.overview);
    await expect(page.getByText(w.owedInOverview)).toBeVisible();
    await panel.open();
    await expect(banner).toBeVisible();

    const handed = await exportCredentials(host, w, () => banner.getByRole('button', { name: w.exportCredentials }).click());
    expect(handed.appId).not.toBe(held.appId);
    expect(handed.consumerKey).not.toBe(held.consumerKey);
    await expect(banner).toBeHidden();
    await goTo(page, w.overview);
    await expect(page.getByText(w.owedInOverview)).toBeHidden();
    await panel.open();
    await panel.expectConnected();
    await checkScreen(page, `hand-over-${language}`, 'handed-over');
  });
}
