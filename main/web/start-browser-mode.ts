import { parseArgs } from 'node:util';
import { checkConnectionOnLaunch } from '../app';
import { ensureDemoProfile } from '../demo/demo-profile';
import { startBrowserMode } from './browser-mode';

/** `npm run web [-- --demo] [--port N]`: the real app in a browser, for headless hosts and the browser e2e. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { demo: { type: 'boolean', default: false }, port: { type: 'string' } },
    allowPositionals: false,
  });
  const { app, host, server } = await startBrowserMode({
    port: values.port ? Number(values.port) : 0,
    announceUrl: (url) => console.log(`The browser session ended or its link expired. Open: ${url}`),
  });
  const stops: (() => Promise<void>)[] = [() => server.stop()];
  if (values.demo) {
    // Loaded only with --demo: without it, browser mode never loads the emulator.
    const { startDemoOrg } = await import('../demo/demo-org');
    const org = await startDemoOrg();
    stops.push(() => org.stop());
    ensureDemoProfile(app.settings, org.instanceUrl);
    console.log(`Demo org (Salesforce emulator): ${org.instanceUrl}  admin ${org.admin.username} / ${org.admin.password}`);
  }
  console.log(`Agent Connections (browser mode), data in ${host.dataDir}`);
  console.log(`Open: ${server.startUrl()}`);
  void checkConnectionOnLaunch(app, host.log);
  const stop = () => void Promise.all(stops.map((s) => s())).then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

void main();
