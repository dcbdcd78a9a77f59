import { spawn } from 'node:child_process';
import { startDemoOrg } from '../main/demo/demo-org';

/**
 * `npm run demo`: the desktop app against the Salesforce org emulator, with an org profile
 * "Demo org" pointing at it. The first run downloads Electron's binary (internet needed).
 */
const emulator = await startDemoOrg();
console.log(`Demo org (Salesforce emulator): ${emulator.loginUrl}`);
console.log(`Sign in as ${emulator.admin.username} / ${emulator.admin.password}`);
const child = spawn('npx', ['electron', '.'], {
  stdio: 'inherit',
  env: { ...process.env, AGENT_CONNECTIONS_DEMO_LOGIN_URL: emulator.loginUrl },
});
const stop = () => void emulator.stop().then(() => process.exit(0));
child.on('exit', stop);
process.once('SIGINT', () => child.kill('SIGINT'));
process.once('SIGTERM', () => child.kill('SIGTERM'));
