import { test } from '@playwright/test';
import { runKeyboardJourney } from '../support/keyboard-journey';
import { startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney();
});
test.afterEach(() => journey.stop());

test('keyboard only: sign in, turn on access, then into and back out of the turn-off dialog', async ({ page, context }) => {
  await runKeyboardJourney(await journey.open(page, context));
});
