import { StrictMode } from 'react';
import { createRoot, hydrateRoot } from 'react-dom/client';
import { createBridgeApi } from './api/bridge';
import { createWebApi } from './api/web-client';
import { App } from './App';
import { resolveLanguage } from '../common/language';
import { createLiveStore } from './state/live';

// The desktop app has preload's bridge; a plain browser (browser mode) talks to the local web server.
const api = createBridgeApi() ?? createWebApi();
// The four initial calls go out now, in parallel, while React renders the shell.
const live = createLiveStore(api);
const root = document.getElementById('root');
if (root) {
  const app = (
    <StrictMode>
      <App api={api} live={live} />
    </StrictMode>
  );
  // index.html already shows the Connectors screen, rendered at build time in one language and theme
  // (renderer/prerender): take it over when this first render would look the same, else replace it.
  const prerendered = root.dataset.prerendered;
  delete root.dataset.prerendered;
  if (prerendered === firstRenderLook()) {
    hydrateRoot(root, app);
  } else {
    root.replaceChildren();
    createRoot(root).render(app);
  }
}

function firstRenderLook(): string {
  const dark = window.matchMedia('(prefers-color-scheme: dark)').matches;
  return `${resolveLanguage('system', navigator.language)} ${dark ? 'dark' : 'light'}`;
}
