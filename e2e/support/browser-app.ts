import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureDemoProfile } from '../../main/demo/demo-profile';
import { createLogger, type LogLine } from '../../main/log';
import { startBrowserMode, type BrowserMode } from '../../main/web/browser-mode';

export interface BrowserApp {
  /** A fresh one-time start URL: the page it opens holds the session's secret, in memory only. */
  startUrl(): string;
  origin: string;
  /** The fresh start URLs the server printed after a session ended or a link was refused. */
  announcedUrls: string[];
  app: BrowserMode['app'];
  dataDir: string;
  logLines: LogLine[];
  stop(): Promise<void>;
}

/**
 * Browser mode exactly as `npm run web` starts it (same services, same server, the built renderer),
 * with an isolated data directory per test. `demoLoginUrl` adds the "Demo org" profile.
 */
export async function startBrowserApp(
  options: { demoLoginUrl?: string; callbackPort?: number; idleMs?: number; tokenMs?: number } = {},
): Promise<BrowserApp> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ac-e2e-'));
  const logLines: LogLine[] = [];
  const announcedUrls: string[] = [];
  const { app, server } = await startBrowserMode({
    dataDir,
    log: createLogger((line) => logLines.push(line)),
    idleMs: options.idleMs,
    tokenMs: options.tokenMs,
    announceUrl: (url) => announcedUrls.push(url),
  });
  if (options.demoLoginUrl) {
    const profile = ensureDemoProfile(app.settings, options.demoLoginUrl);
    if (options.callbackPort) app.settings.saveProfile({ ...profile, callbackPort: options.callbackPort });
  }
  return { startUrl: () => server.startUrl(), origin: server.origin, announcedUrls, app, dataDir, logLines, stop: () => server.stop() };
}
