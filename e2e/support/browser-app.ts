import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../../main/app';
import { ensureDemoProfile } from '../../main/demo-profile';
import { createHeadlessHost, downloadToPage, projectRoot } from '../../main/headless-host';
import { createLogger, type LogLine } from '../../main/log';
import { createMemoryVault } from '../../main/store/vault';
import { startWebServer } from '../../main/web/server';

export interface BrowserApp {
  /** A fresh one-time start URL: the page it opens holds the session's secret, in memory only. */
  startUrl(): string;
  origin: string;
  /** The fresh start URLs the server printed after a session ended or a link was refused. */
  announcedUrls: string[];
  app: ReturnType<typeof createApp>;
  dataDir: string;
  logLines: LogLine[];
  stop(): Promise<void>;
}

/**
 * Browser mode exactly as `npm run web` starts it (same services, same server, the built renderer),
 * with an isolated data directory per test. `demoLoginUrl` adds the "Demo org" profile.
 */
export async function startBrowserApp(options: { demoLoginUrl?: string; callbackPort?: number; idleMs?: number; tokenMs?: number } = {}): Promise<BrowserApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ac-e2e-'));
  const logLines: LogLine[] = [];
  const host = createHeadlessHost({
    host: 'browser',
    dataDir,
    vault: () => createMemoryVault(),
    files: downloadToPage,
    launch: null,
    log: createLogger((line) => logLines.push(line)),
  });
  const app = createApp(host);
  if (options.demoLoginUrl) {
    const profile = ensureDemoProfile(app.settings, options.demoLoginUrl);
    if (options.callbackPort) app.settings.saveProfile({ ...profile, callbackPort: options.callbackPort });
  }
  const announcedUrls: string[] = [];
  const server = await startWebServer({
    handlers: app.handlers,
    events: host.events,
    staticRoot: join(projectRoot, 'out', 'renderer'),
    idleMs: options.idleMs,
    tokenMs: options.tokenMs,
    announceUrl: (url) => announcedUrls.push(url),
  });
  return { startUrl: () => server.startUrl(), origin: server.origin, announcedUrls, app, dataDir, logLines, stop: () => server.stop() };
}
