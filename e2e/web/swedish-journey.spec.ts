import { test } from '@playwright/test';
import { switchToSwedish } from '../support/language';
import { runSeedJourney, SEED_ACTIVATION_DELAY_MS } from '../support/seed-journey';
import { swedish } from '../support/ui-labels';
import { startWebJourney, type WebJourney } from '../support/web-journey';

let journey: WebJourney;
test.beforeEach(async () => {
  journey = await startWebJourney({ activationDelayMs: SEED_ACTIVATION_DELAY_MS });
});
test.afterEach(() => journey.stop());

test('the seed journey in Swedish, chosen in Settings -> Language', async ({ page, context }) => {
  test.slow();
  const host = await journey.open(page, context);
  await switchToSwedish(page);
  await runSeedJourney(host, swedish, 'swedish');
});
