import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['common/**/*.test.ts', 'main/**/*.test.ts', 'preload/**/*.test.ts', 'e2e/salesforce-emulator/**/*.test.ts', 'bench/**/*.test.ts'],
          // electron-store imports `electron` itself; inline it so tests' vi.mock('electron') reaches it.
          server: { deps: { inline: ['electron-store'] } },
          testTimeout: 20_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'renderer',
          environment: 'jsdom',
          include: ['renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['renderer/test/setup.ts'],
          testTimeout: 20_000,
        },
      },
    ],
  },
});
