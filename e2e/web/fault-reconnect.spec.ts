import { expect, test } from '@playwright/test';
import type { FaultSpec } from '../salesforce-emulator';
import { salesforcePanel } from '../support/salesforce-panel';
import { checkScreen } from '../support/screen-check';
import { english } from '../support/ui-labels';
import { signInThroughBrowserTab, startWebJourney, type WebJourney } from '../support/web-journey';

/**
 * Salesforce refuses the integration user. Enable's third Composite call is the one that creates the
 * permission set, its grants, the user, its licence and the assignment, all or none; its answer says
 * the user subrequest failed, as Salesforce reports a validation error there.
 */
const userRefused: FaultSpec = {
  method: 'POST',
  path: '/composite$',
  nth: 3,
  times: 1,
  respond: {
    status: 200,
    body: {
      compositeResponse: [
        {
          referenceId: 'user',
          httpStatusCode: 400,
          httpHeaders: {},
          body: [{ errorCode: 'FIELD_INTEGRITY_EXCEPTION', fields: ['Email'], message: 'Email: invalid email address: integration user' }],
        },
      ],
    },
  },
};

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney();
});
test.afterEach(() => journey.stop());

test('a refused integration user shows the error; Reconnect then connects', async ({ page, context }) => {
  const { emulator, browserApp } = journey;
  const panel = salesforcePanel(page, english);
  await page.goto(browserApp.startUrl());
  await panel.open();
  await signInThroughBrowserTab(page, context, emulator, english);

  emulator.addFault(userRefused);
  await panel.turnOnAndSave();
  const alert = page.getByRole('alert').filter({ hasText: 'Salesforce reported an error.' });
  await expect(alert).toBeVisible({ timeout: 30_000 });
  await expect(alert).toContainText('invalid email address');
  await checkScreen(page, 'fault', 'error');
  expect(emulator.state().externalClientApps).toEqual([]);

  const reconnect = alert.getByRole('button', { name: english.reconnect });
  await expect(reconnect).toBeVisible();
  await reconnect.click();
  await panel.expectConnected();
  await expect(page.getByRole('alert').filter({ hasText: 'Salesforce reported an error.' })).toBeHidden();
  await checkScreen(page, 'fault', 'reconnected');
  expect(emulator.state().externalClientApps).toHaveLength(1);
});
