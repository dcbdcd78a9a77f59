import { spawn } from 'node:child_process';
import { demoDataDir } from '../main/data-dir';
import { startDemoOrg } from '../main/demo/demo-org';

/**
 * `npm run demo`: the desktop app against the Salesforce org emulator, with an org profile
 * "Demo org" pointing at it. The first run downloads Electron's binary (internet needed).
 */
const emulator = await startDemoOrg();
console.log(`Demo org (Salesforce emulator): ${emulator.loginUrl}`);
console.log(`Sign in as ${emulator.admin.username} / ${emulator.admin.password}`);
console.log(`Demo data (its own folder, apart from your real org profiles): ${demoDataDir()}`);
const child = spawn('npx', ['electron', '.'], {
  stdio: 'inherit',
  // The demo's own data folder: its org profile never joins the admin's real ones.
  env: { ...process.env, AGENT_CONNECTIONS_DEMO_LOGIN_URL: emulator.loginUrl, AGENT_CONNECTIONS_DATA_DIR: demoDataDir() },
});
const stop = () => void emulator.stop().then(() => process.exit(0));
child.on('exit', stop);
process.once('SIGINT', () => child.kill('SIGINT'));
process.once('SIGTERM', () => child.kill('SIGTERM'));
