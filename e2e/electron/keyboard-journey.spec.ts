import { test } from '@playwright/test';
import { runKeyboardJourney } from '../support/keyboard-journey';
import { requireElectron } from './electron-app';
import { startElectronJourney, type ElectronJourney } from './electron-journey';

requireElectron();

let journey: ElectronJourney;
test.beforeEach(async () => {
  journey = await startElectronJourney();
});
test.afterEach(() => journey.stop());

test('desktop, keyboard only: sign in, turn on access, into and back out of the turn-off dialog', async () => {
  await runKeyboardJourney(journey.host);
});
