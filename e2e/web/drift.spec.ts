import { test } from '@playwright/test';
import { runDriftJourney } from '../support/repair-journeys';
import { startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney();
});
test.afterEach(() => journey.stop());

test('a field added to the agent access: Recreate ends connected with the field granted', async ({ page, context }) => {
  await runDriftJourney(await journey.open(page, context), 'recreate', 'drift');
});

test('a field added to the agent access: Update access grants it in the same permission set', async ({ page, context }) => {
  await runDriftJourney(await journey.open(page, context), 'updateAccess', 'drift-update');
});
