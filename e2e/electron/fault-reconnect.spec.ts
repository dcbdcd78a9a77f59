import { test } from '@playwright/test';
import { knownProductBugs } from '../support/known-product-bugs';
import { runFaultReconnectJourney } from '../support/repair-journeys';
import { requireElectron } from './electron-app';
import { startElectronJourney, type ElectronJourney } from './electron-journey';

requireElectron();

test.fixme(true, knownProductBugs.noReconnectAfterFailedSave);

let journey: ElectronJourney;
test.beforeEach(async () => {
  journey = await startElectronJourney();
});
test.afterEach(() => journey.stop());

test('desktop: a refused integration user shows the error; Reconnect then connects', async () => {
  await runFaultReconnectJourney(journey.host, 'electron-fault');
});
