import { parseArgs } from 'node:util';
import { checkConnectionOnLaunch } from '../app';
import { demoDataDir } from '../data-dir';
import { ensureDemoProfile } from '../demo/demo-profile';
import { startBrowserMode } from './browser-mode';

/** What the admin typed, for the pages that tell them where the new address is: try.sh names itself. */
function launchedBy(demo: boolean): string {
  const fromScript = process.env.AGENT_CONNECTIONS_LAUNCHED_BY;
  if (fromScript && fromScript.trim() !== '') return fromScript.trim();
  return demo ? 'npm run web -- --demo' : 'npm run web';
}

/** `npm run web [-- --demo] [--port N]`: the real app in a browser, for headless hosts and the browser e2e. */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { demo: { type: 'boolean', default: false }, port: { type: 'string' } },
    allowPositionals: false,
  });
  const { app, host, server } = await startBrowserMode({
    port: values.port ? Number(values.port) : 0,
    announceUrl: (url) => console.log(`The browser session ended or its link expired. Open: ${url}`),
    launchedBy: launchedBy(values.demo),
    ...(values.demo && { dataDir: demoDataDir() }),
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
