import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkConnectionOnLaunch, createApp } from '../app';
import { ensureDemoProfile } from '../demo-profile';
import { createHeadlessHost, downloadToPage, projectRoot } from '../headless-host';
import { createMemoryVault } from '../store/vault';
import { startWebServer } from './server';

/**
 * `npm run web [-- --demo] [--port N]`: the real app in a browser, for headless hosts and the
 * browser e2e. Sessions stay in memory here: a browser tab is not an OS key store.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { demo: { type: 'boolean', default: false }, port: { type: 'string' } },
    allowPositionals: false,
  });
  const host = createHeadlessHost({ host: 'browser', vault: () => createMemoryVault(), files: downloadToPage, launch: null });
  const app = createApp(host);
  const stops: (() => Promise<void>)[] = [];
  if (values.demo) {
    const { startEmulator } = await import('../../e2e/salesforce-emulator');
    const emulator = await startEmulator({ activationDelayMs: 20_000 });
    stops.push(() => emulator.stop());
    ensureDemoProfile(app.settings, emulator.instanceUrl);
    console.log(`Demo org (Salesforce emulator): ${emulator.instanceUrl}  admin ${emulator.admin.username} / ${emulator.admin.password}`);
  }
  const server = await startWebServer({
    handlers: app.handlers,
    events: host.events,
    staticRoot: join(projectRoot, 'out', 'renderer'),
    port: values.port ? Number(values.port) : 0,
    announceUrl: (url) => console.log(`The browser session ended or its link expired. Open: ${url}`),
  });
  stops.unshift(() => server.stop());
  console.log(`Agent Connections (browser mode), data in ${host.dataDir}`);
  console.log(`Open: ${server.startUrl()}`);
  void checkConnectionOnLaunch(app, host.log);
  const stop = () => void Promise.all(stops.map((s) => s())).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
