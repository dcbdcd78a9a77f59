import { test } from '@playwright/test';
import { switchToSwedish } from '../support/language';
import { runSeedJourney, SEED_ACTIVATION_DELAY_MS } from '../support/seed-journey';
import { swedish } from '../support/ui-labels';
import { requireElectron } from './electron-app';
import { startElectronJourney, type ElectronJourney } from './electron-journey';

requireElectron();

let journey: ElectronJourney;
test.beforeEach(async () => {
  journey = await startElectronJourney({ activationDelayMs: SEED_ACTIVATION_DELAY_MS });
});
test.afterEach(() => journey.stop());

test('desktop seed journey in Swedish, chosen in Settings -> Language', async () => {
  test.slow();
  await switchToSwedish(journey.host.page);
  await runSeedJourney(journey.host, swedish, 'electron-swedish');
});
