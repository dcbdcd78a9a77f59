import { test } from '@playwright/test';
import { runSeedJourney, SEED_ACTIVATION_DELAY_MS } from '../support/seed-journey';
import { english } from '../support/ui-labels';
import { requireElectron } from './electron-app';
import { startElectronJourney, type ElectronJourney } from './electron-journey';

requireElectron();

let journey: ElectronJourney;
test.beforeEach(async () => {
  journey = await startElectronJourney({ activationDelayMs: SEED_ACTIVATION_DELAY_MS });
});
test.afterEach(() => journey.stop());

test('desktop seed journey: sign in, turn on access, details, export, turn off, org clean', async () => {
  test.slow();
  await runSeedJourney(journey.host, english, 'electron-seed');
});
