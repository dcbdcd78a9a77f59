import { defineConfig } from '@playwright/test';
import { CHROMIUM, CHROMIUM_BASE_ARGS } from './bench/chromium';
import { electronBinary, SKIP_REASON } from './e2e/electron/electron-binary';

if (electronBinary() === null && !process.env.TEST_WORKER_INDEX) console.log(`Electron specs skip: ${SKIP_REASON}`);

/**
 * Browser journeys run the real app (browser mode) in Debian's Chromium: Playwright cannot download
 * its own browser here. The Electron project runs the same journeys where Electron's binary exists.
 */
export default defineConfig({
  testDir: 'e2e',
  testMatch: ['web/**/*.spec.ts', 'electron/**/*.spec.ts'],
  outputDir: 'test-results',
  // Set once for the suite: CI's 2 cores may be busy, and a journey waits for what the screen shows, never for a time.
  timeout: 180_000,
  expect: { timeout: 20_000 },
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  reporter: process.env.CI ? [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]] : 'list',
  use: {
    browserName: 'chromium',
    headless: true,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? CHROMIUM,
      args: CHROMIUM_BASE_ARGS,
    },
  },
});
