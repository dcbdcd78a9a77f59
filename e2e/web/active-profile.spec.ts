import { expect, test, type Page } from '@playwright/test';
import { signIn } from '../support/journey-host';
import { switchToSwedish } from '../support/language';
import { salesforcePanel } from '../support/salesforce-panel';
import { checkScreen } from '../support/screen-check';
import { english, swedish } from '../support/ui-labels';
import { startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney | undefined;
test.afterEach(() => journey?.stop());

/** What these screens say, in each language (the rest comes from the shared labels). */
const said = {
  en: {
    labels: english,
    profile: (name: string) => `Org profile: ${name}`,
    production: 'Production',
    connections: 'Agent connections',
    access: "The agent's access",
    willSee: 'What the agent will see',
    accountsNone: 'With this access the agent will see no Account records.',
    none: /^0 of \d+ records$/,
    ipMeaning: /addresses the integration user's profile allows/,
  },
  sv: {
    labels: swedish,
    profile: (name: string) => `Org-profil: ${name}`,
    production: 'Produktion',
    connections: 'Agentkopplingar',
    access: 'Agentens åtkomst',
    willSee: 'Vad agenten kommer att se',
    accountsNone: 'Med den här åtkomsten ser agenten inga Account-poster.',
    none: /^0 av \d+ poster$/,
    ipMeaning: /adresser som integrationsanvändarens profil tillåter/,
  },
} as const;

/** The review before Turn on, read before Confirm: access one row per object, and what the agent will see. */
async function readEnableReview(page: Page, language: keyof typeof said): Promise<void> {
  const s = said[language];
  const review = page.getByRole('dialog', { name: s.labels.reviewTitle });
  const account = review.getByRole('table', { name: s.access }).getByRole('row', { name: /^Account\b/ });
  await expect(account).toBeVisible();
  // Contact's fields sit in Contact's row, not in lines of their own.
  await expect(review.getByRole('table', { name: s.access }).getByRole('row', { name: /^Contact\b/ })).toContainText('Email');
  const seen = review.getByRole('table', { name: s.willSee });
  await expect(
    seen
      .getByRole('row', { name: /^Account\b/ })
      .getByRole('cell')
      .first(),
  ).toHaveText(s.none);
  await expect(review.getByText(s.accountsNone)).toBeVisible();
  await expect(review.getByText(s.ipMeaning)).toBeVisible();
  await checkScreen(page, `active-profile-${language}`, 'enable-review');
}

async function journeyIn(page: Page, context: Parameters<WebJourney['open']>[1], language: keyof typeof said): Promise<void> {
  test.setTimeout(150_000);
  const s = said[language];
  journey = await startWebJourney({ seed: 'demo' });
  const { settings } = journey.browserApp.app;
  const demo = settings.activeProfile();
  settings.saveProfile({ name: 'UAT sandbox', environment: 'sandbox', clientId: 'PlatformCLI', callbackPort: demo?.callbackPort ?? 1717 });
  settings.saveProfile({ name: 'Contoso production', environment: 'production', clientId: 'PlatformCLI', callbackPort: 1717 });
  await page.setViewportSize({ width: 1280, height: 900 });
  const host = await journey.open(page, context);
  if (language === 'sv') await switchToSwedish(page);
  const panel = salesforcePanel(page, s.labels);
  await panel.open();

  // Keyboard focus on the connector list is plain to see.
  await page.keyboard.press('Shift+Tab');
  const focused = page.getByRole('list', { name: s.connections }).getByRole('button').first();
  await expect(focused).toBeFocused();
  expect(
    await focused.evaluate(
      (el) => (globalThis as unknown as { getComputedStyle(e: unknown): { outlineWidth: string } }).getComputedStyle(el).outlineWidth,
    ),
  ).toBe('3px');

  await signIn(host, s.labels);
  await panel.turnOnAndSave(() => readEnableReview(page, language));
  await panel.expectConnected();

  // The app bar names the active profile; its menu marks production and switches.
  const bar = page.getByRole('banner');
  await bar.getByRole('button', { name: s.profile('Demo org') }).click();
  const menu = page.getByRole('menu');
  await expect(menu.getByRole('menuitem', { name: /Contoso production/ })).toContainText(s.production);
  await checkScreen(page, `active-profile-${language}`, 'switcher');
  await menu.getByRole('menuitem', { name: /UAT sandbox/ }).click();

  // The screens now act on UAT: no live Turn off or Reconnect of the Demo org's connection.
  await expect(bar.getByRole('button', { name: s.profile('UAT sandbox') })).toBeVisible();
  await expect(page.getByRole('button', { name: s.labels.signIn, exact: true })).toBeVisible();
  await expect(panel.toggle).not.toBeChecked();
  await expect(panel.details).toBeHidden();
  await expect(page.getByRole('button', { name: s.labels.reconnect })).toHaveCount(0);
  await checkScreen(page, `active-profile-${language}`, 'uat-active');

  // Back to the Demo org: its stored session and its connection, without a new sign-in.
  await bar.getByRole('button', { name: s.profile('UAT sandbox') }).click();
  await page
    .getByRole('menu')
    .getByRole('menuitem', { name: /Demo org/ })
    .click();
  await panel.expectConnected();
}

test('the app bar names the active org profile and switches it; the Enable review shows access per object and what the agent will see', async ({
  page,
  context,
}) => {
  await journeyIn(page, context, 'en');
});

test('på svenska: appfältet visar den aktiva org-profilen och byter den; granskningen visar åtkomst per objekt och vad agenten ser', async ({
  page,
  context,
}) => {
  await journeyIn(page, context, 'sv');
});
