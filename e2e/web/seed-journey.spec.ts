import { test } from '@playwright/test';
import { runSeedJourney, SEED_ACTIVATION_DELAY_MS } from '../support/seed-journey';
import { english } from '../support/ui-labels';
import { startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney({ activationDelayMs: SEED_ACTIVATION_DELAY_MS });
});
test.afterEach(() => journey.stop());

test('seed journey: sign in, turn on access, details, export, turn off, org clean', async ({ page, context }) => {
  // Six screens checked by axe-core and a real activation wait: longer than a one-screen test.
  test.slow();
  await runSeedJourney(await journey.open(page, context), english, 'seed');
});
