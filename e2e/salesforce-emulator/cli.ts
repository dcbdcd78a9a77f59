/**
 * npm run emulator -- [--port N] [--instance-port N] [--latency-ms N] [--activation-delay-ms N]
 *                     [--access-token-ttl-s N] [--seed demo|empty]
 * Prints the login URL, the My Domain URL and the demo admin's credentials; stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './index';

function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'instance-port': { type: 'string' },
      'latency-ms': { type: 'string' },
      'activation-delay-ms': { type: 'string' },
      'access-token-ttl-s': { type: 'string' },
      seed: { type: 'string' },
    },
    strict: true,
  });
  const seed = values.seed ?? 'demo';
  if (seed !== 'demo' && seed !== 'empty') throw new Error(`--seed must be demo or empty, got "${seed}"`);
  const emu = await startEmulator({
    port: intOption(values.port, 'port', 0),
    instancePort: intOption(values['instance-port'], 'instance-port', 0),
    latencyMs: intOption(values['latency-ms'], 'latency-ms', 0),
    // Outside tests, mimic Salesforce's propagation delay for new apps (§1.5).
    activationDelayMs: intOption(values['activation-delay-ms'], 'activation-delay-ms', 120_000),
    accessTokenTtlS: intOption(values['access-token-ttl-s'], 'access-token-ttl-s', 7200),
    seed,
  });
  console.log('Salesforce org emulator "Contoso (demo)" is running');
  console.log(`  Login URL:     ${emu.loginUrl}`);
  console.log(`  My Domain URL: ${emu.instanceUrl}`);
  console.log(`  Org Id:        ${emu.orgId}`);
  console.log(`  Admin:         ${emu.admin.username} / ${emu.admin.password}`);
  console.log(`  Non-admin:     ${emu.users.nonAdmin.username} / ${emu.users.nonAdmin.password}`);
  console.log(`  Control API:   ${emu.instanceUrl}/__emulator/state`);
  console.log('Press Ctrl+C to stop.');
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}, stopping emulator...`);
    emu.stop().then(() => {
      console.log('Emulator stopped.');
      process.exit(0);
    }, (e: unknown) => {
      console.error(e);
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
