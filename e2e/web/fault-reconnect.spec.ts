import { test } from '@playwright/test';
import { runFaultReconnectJourney } from '../support/repair-journeys';
import { startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney();
});
test.afterEach(() => journey.stop());

test('a refused integration user shows the error; Try again then connects', async ({ page, context }) => {
  await runFaultReconnectJourney(await journey.open(page, context), 'fault');
});
