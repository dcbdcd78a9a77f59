import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';

// Every wait in the renderer suite (findBy*, waitFor) follows what the screen shows, with one timeout
// for the whole suite: on a busy 2-core machine a first render can take seconds, and Testing Library's
// default of 1 s gave up on "still loading" while a lazy chunk was still being transformed.
configure({ asyncUtilTimeout: 15_000 });

// The screens' lazily loaded parts (renderer/**/lazy(...)), loaded once before any test renders, so no
// test's first wait also pays for transforming them. A new lazy import belongs in this list.
await Promise.all([
  import('../../renderer/screens/connectors/ReviewDialog'),
  import('../../renderer/screens/connectors/PreflightCard'),
  import('../../renderer/screens/connectors/RunProgressCard'),
  import('../../renderer/screens/connectors/DetailsCard'),
  import('../../renderer/screens/connectors/VisibilityCard'),
  import('../../renderer/screens/access/AgentAccessDialog'),
  import('../../renderer/screens/activity/ActivityScreen'),
  import('../../renderer/screens/overview/OverviewScreen'),
  import('../../renderer/screens/settings/SettingsScreen'),
  import('@mui/material/Snackbar'),
]);

// jsdom has no layout or media queries: the OS theme is "light" unless a test says otherwise.
export function setPrefersDark(dark: boolean): void {
  Object.defineProperty(window, 'matchMedia', {
    configurable: true,
    writable: true,
    value: (query: string) => ({
      matches: dark && query.includes('prefers-color-scheme: dark'),
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
}
setPrefersDark(false);

// Browser-mode downloads use object URLs, which jsdom lacks.
URL.createObjectURL = vi.fn(() => 'blob:test');
URL.revokeObjectURL = vi.fn();

afterEach(() => {
  cleanup();
  document.documentElement.lang = '';
});
