import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'common/**/*.test.ts',
            'main/**/*.test.ts',
            'test/**/*.test.ts',
            'preload/**/*.test.ts',
            'bench/**/*.test.ts',
            'packaging/**/*.test.ts',
            'scripts/**/*.test.ts',
          ],
          exclude: ['**/*.integration.test.ts', '**/node_modules/**'],
          // electron-store imports `electron` itself; inline it so tests' vi.mock('electron') reaches it.
          server: { deps: { inline: ['electron-store'] } },
          testTimeout: 20_000,
        },
      },
      {
        // Against the Salesforce org emulator or through child processes: in `npm test`, not `npm run check`.
        extends: true,
        test: {
          name: 'integration',
          environment: 'node',
          include: [
            'main/**/*.integration.test.ts',
            'packages/salesforce-emulator/**/*.test.ts',
            'packaging/**/*.integration.test.ts',
            'test/**/*.integration.test.ts',
          ],
          server: { deps: { inline: ['electron-store'] } },
          testTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'jsdom',
          // Re-importing React, MUI and i18next into a fresh jsdom per file tripled the run time; every
          // test renders its own App over its own fake API, and Testing Library unmounts after each.
          isolate: false,
          include: ['renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['test/renderer/setup.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
