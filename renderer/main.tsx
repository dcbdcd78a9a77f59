import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createBridgeApi } from './api/bridge';
import { createWebApi } from './api/web-client';
import { App } from './App';
import { createLiveStore } from './state/live';

// The desktop app has preload's bridge; a plain browser (browser mode) talks to the local web server.
const api = createBridgeApi() ?? createWebApi();
// The four initial calls go out now, in parallel, while React renders the shell.
const live = createLiveStore(api);
const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App api={api} live={live} />
    </StrictMode>,
  );
}
