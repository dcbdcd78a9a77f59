import { test } from '@playwright/test';
import { runFaultReconnectJourney } from '../support/repair-journeys';
import { requireElectron } from './electron-app';
import { startElectronJourney, type ElectronJourney } from './electron-journey';

requireElectron();

let journey: ElectronJourney;
test.beforeEach(async () => {
  journey = await startElectronJourney();
});
test.afterEach(() => journey.stop());

test('desktop: a refused integration user shows the error; Reconnect then connects', async () => {
  await runFaultReconnectJourney(journey.host, 'electron-fault');
});
