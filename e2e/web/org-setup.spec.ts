import { expect, test } from '@playwright/test';
import { signIn } from '../support/journey-host';
import { switchToSwedish } from '../support/language';
import { salesforcePanel } from '../support/salesforce-panel';
import { english, swedish } from '../support/ui-labels';
import { startWebJourney, type WebJourney } from '../support/web-journey';

/**
 * An org whose own setup asks something of every new user, and that already has Microsoft's Sales
 * agent connection (facts USER-REQUIRED-FIELDS, USER-VALIDATION-RULES, MICROSOFT-SALES-AGENT-CONNECTION).
 */
let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney({
    microsoftSalesAgent: true,
    userRules: {
      requiredFields: [{ name: 'Cost_Center__c', label: 'Cost Center' }],
      validationRules: [
        {
          name: 'Department_Required',
          errorMessage: 'Every user needs a department.',
          errorDisplayField: 'Department',
          requiresField: 'Department',
        },
      ],
    },
  });
});
test.afterEach(() => journey.stop());

const words = {
  english: {
    rule: /Active validation rule on User: Department_Required/,
    microsoft: /Microsoft's own Sales agent connection/,
    required: 'required',
    optional: 'optional',
  },
  swedish: {
    rule: /Aktiv valideringsregel på User: Department_Required/,
    microsoft: /Microsofts egen koppling för säljagenten/,
    required: 'obligatoriskt',
    optional: 'valfritt',
  },
};

for (const [language, labels] of [
  ['english', english],
  ['swedish', swedish],
] as const) {
  test(`Turn on asks for what the org requires of the integration user, names Microsoft's connection, and connects (${language})`, async ({
    page,
    context,
  }) => {
    test.slow();
    const host = await journey.open(page, context);
    if (language === 'swedish') await switchToSwedish(page);
    const w = words[language];
    const { emulator } = journey;
    const microsoft = () => JSON.stringify(emulator.state().users.filter((u) => u.Username.startsWith('copilotforsalesintegrationuser')));
    const before = microsoft();
    const panel = salesforcePanel(page, labels);
    await panel.open();
    await signIn(host, labels);
    await page.getByRole('switch', { name: labels.turnOnAccess }).check();
    await page.getByRole('button', { name: labels.save }).click();
    const review = page.getByRole('dialog', { name: labels.reviewTitle });
    await expect(review.getByText(w.rule)).toBeVisible({ timeout: 15_000 });
    await expect(review.getByText(w.microsoft)).toBeVisible();
    const confirm = review.getByRole('button', { name: labels.reviewConfirm });
    await expect(confirm).toBeDisabled();
    await review.getByRole('textbox', { name: new RegExp(`Cost Center \\(Cost_Center__c\\), ${w.required}`) }).fill('CC-42');
    await review.getByRole('textbox', { name: new RegExp(`Department \\(Department\\), ${w.optional}`) }).fill('Sales Operations');
    await expect(confirm).toBeEnabled();
    await confirm.click();
    await panel.expectConnected();
    const user = emulator.state().users.find((u) => u.ProfileName === 'Minimum Access - API Only Integrations');
    expect(user).toBeDefined();
    expect(microsoft()).toBe(before);
  });
}
