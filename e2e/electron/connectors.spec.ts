import { expect, test } from '@playwright/test';
import { launchApp, requireElectron } from './electron-app';

requireElectron();

test('the desktop app shows both connectors with Turn on access waiting for sign-in', async () => {
  const app = await launchApp();
  const window = await app.firstWindow();
  await expect(window.getByRole('heading', { name: 'Agent connections' })).toBeVisible();
  await expect(window.getByText('Dynamics 365 Sales')).toBeVisible();
  await window
    .getByRole('button', { name: /Salesforce/ })
    .first()
    .click();
  await expect(window.getByRole('switch', { name: 'Turn on access' })).toBeDisabled();
  // No Node in the page, and the bridge is the only thing preload exposed, frozen.
  const page = await window.evaluate(() => {
    const scope = globalThis as unknown as { require?: unknown; process?: unknown; agentConnections?: object };
    return { require: typeof scope.require, process: typeof scope.process, frozen: Object.isFrozen(scope.agentConnections) };
  });
  expect(page).toEqual({ require: 'undefined', process: 'undefined', frozen: true });
  await window.screenshot({ path: 'e2e/artifacts/electron-connectors.png' });
  await app.close();
});
