import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { createDesktopApi } from './api/desktop-api';
import { createWebApi } from './api/web-client';
import { App } from './App';
import { resolveLanguage, type FirstLook } from '../common/language';
import { createLiveStore } from './state/live';

// The desktop app has preload's bridge; a plain browser (browser mode) talks to the local web server.
const api = createDesktopApi() ?? createWebApi();
// The four initial calls go out now, in parallel, while React renders the shell.
const live = createLiveStore(api);
const look = firstLook();
const root = document.getElementById('root');
if (root) {
  const app = (
    <StrictMode>
      <App api={api} live={live} look={look} />
    </StrictMode>
  );
  // index.html may already show the Connectors screen, rendered at build time in one language and
  // theme (renderer/prerender): take it over when this first render looks the same, else replace it.
  const prerendered = root.dataset.prerendered;
  delete root.dataset.prerendered;
  if (prerendered === lookName(look)) {
    hydrateRoot(root, app);
  } else {
    root.replaceChildren();
    createRoot(root).render(app);
  }
}

/** The saved language and theme main named on <html> when it served the page; else the OS's. */
function firstLook(): FirstLook {
  const { language, theme } = document.documentElement.dataset;
  return {
    language: language === 'sv' || language === 'en' ? language : resolveLanguage('system', navigator.language),
    theme: theme === 'light' || theme === 'dark' ? theme : 'system',
  };
}

function lookName({ language, theme }: FirstLook): string {
  const dark = theme === 'system' ? window.matchMedia('(prefers-color-scheme: dark)').matches : theme === 'dark';
  return `${language} ${dark ? 'dark' : 'light'}`;
}
