import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/** electron 45 downloads its binary on first use; where that cannot happen these specs skip. */
function electronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const dir = join(require.resolve('electron/package.json'), '..');
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? join(dir, 'dist');
    const binary = join(distDir, readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
test.skip(binary === null, 'Electron binary not installed here (it downloads on first `npm start`, which needs internet).');

test('the desktop app shows both connectors with Turn on access waiting for sign-in', async () => {
  const app = await electron.launch({
    executablePath: binary!,
    args: ['.'],
    env: { ...process.env, AGENT_CONNECTIONS_DATA_DIR: mkdtempSync(join(tmpdir(), 'ac-electron-')) },
  });
  const window = await app.firstWindow();
  await expect(window.getByRole('heading', { name: 'Agent connections' })).toBeVisible();
  await expect(window.getByText('Dynamics 365 Sales')).toBeVisible();
  await window.getByRole('button', { name: /Salesforce/ }).first().click();
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
