import { test } from '@playwright/test';
import { runDriftJourney } from '../support/repair-journeys';
import { requireElectron } from './electron-app';
import { startElectronJourney, type ElectronJourney } from './electron-journey';

requireElectron();

let journey: ElectronJourney;
test.beforeEach(async () => {
  journey = await startElectronJourney();
});
test.afterEach(() => journey.stop());

test('desktop: a field added to the agent access, Recreate ends connected with the field granted', async () => {
  await runDriftJourney(journey.host, 'recreate', 'electron-drift');
});

test('desktop: a field added to the agent access, Update access grants it in the same permission set', async () => {
  await runDriftJourney(journey.host, 'updateAccess', 'electron-drift-update');
});
