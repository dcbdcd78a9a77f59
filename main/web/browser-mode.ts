import { join } from 'node:path';
import { createApp } from '../app';
import { createHeadlessHost, downloadToPage, projectRoot } from '../headless-host';
import type { Logger } from '../log';
import { createMemoryVault } from '../store/vault';
import { startWebServer, type RunningWebServer, type WebServerOptions } from './server';

export interface BrowserModeOptions extends Pick<WebServerOptions, 'port' | 'idleMs' | 'tokenMs' | 'announceUrl' | 'launchedBy'> {
  /** Default: the data directory `npm run web` uses. */
  dataDir?: string;
  log?: Logger;
}

export interface BrowserMode {
  app: ReturnType<typeof createApp>;
  host: ReturnType<typeof createHeadlessHost>;
  server: RunningWebServer;
}

/**
 * The real app served to a browser: the same services as the desktop app over the built renderer.
 * `npm run web`, the browser journeys and the first-paint benchmark all start it here, so they
 * measure and test what an admin runs. Sessions stay in memory: a browser tab is not an OS key store.
 */
export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<BrowserMode> {
  const host = createHeadlessHost({
    host: 'browser',
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.log ? { log: options.log } : {}),
    vault: () => createMemoryVault(),
    files: downloadToPage,
    launch: null,
  });
  const app = createApp(host);
  const server = await startWebServer({
    handlers: app.handlers,
    events: host.events,
    staticRoot: join(projectRoot, 'out', 'renderer'),
    port: options.port,
    idleMs: options.idleMs,
    tokenMs: options.tokenMs,
    announceUrl: options.announceUrl,
    launchedBy: options.launchedBy,
  });
  return { app, host, server };
}
