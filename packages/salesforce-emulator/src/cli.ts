/**
 * npm run emulator -- [--port N] [--instance-port N] [--latency-ms N] [--activation-delay-ms N]
 *                     [--access-token-ttl-s N] [--seed demo|empty] [--switch NAME=VALUE ...] | --list-switches
 * Prints the login URL, the My Domain URL and the demo admin's credentials; stops on SIGINT/SIGTERM.
 */
import { parseArgs } from 'node:util';
import { startEmulator } from './start';
import { describeSwitches, parseSwitch } from './switch-catalog';
import type { EmulatorSwitches } from './switches';

/** Wrong arguments: one line on stderr and exit code 2, never a stack trace. */
class UsageError extends Error {}

function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} must be a non-negative integer, got "${value}"`);
  return n;
}

const options = {
  port: { type: 'string' },
  'instance-port': { type: 'string' },
  'latency-ms': { type: 'string' },
  'activation-delay-ms': { type: 'string' },
  'access-token-ttl-s': { type: 'string' },
  seed: { type: 'string' },
  switch: { type: 'string', multiple: true },
  'list-switches': { type: 'boolean' },
} as const;

/** Runs an argument parser; what it rejects becomes a usage error. */
function asUsage<T>(parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

async function main(): Promise<void> {
  const { values } = asUsage(() => parseArgs({ options, strict: true }));
  if (values['list-switches'] === true) {
    for (const line of describeSwitches()) console.log(line);
    return;
  }
  const switches = asUsage(() =>
    (values.switch ?? []).reduce<Partial<EmulatorSwitches>>((all, assignment) => ({ ...all, ...parseSwitch(assignment) }), {}),
  );
  const seed = values.seed ?? 'demo';
  if (seed !== 'demo' && seed !== 'empty') throw new UsageError(`--seed must be demo or empty, got "${seed}"`);
  const emu = await startEmulator({
    port: intOption(values.port, 'port', 0),
    instancePort: intOption(values['instance-port'], 'instance-port', 0),
    latencyMs: intOption(values['latency-ms'], 'latency-ms', 0),
    // Outside tests, mimic Salesforce's propagation delay for new apps (fact ACTIVATION-PROPAGATION).
    activationDelayMs: intOption(values['activation-delay-ms'], 'activation-delay-ms', 120_000),
    accessTokenTtlS: intOption(values['access-token-ttl-s'], 'access-token-ttl-s', 7200),
    seed,
    switches,
  });
  console.log('Salesforce org emulator "Contoso (demo)" is running');
  console.log(`  Login URL:     ${emu.loginUrl}`);
  console.log(`  My Domain URL: ${emu.instanceUrl}`);
  console.log(`  Org Id:        ${emu.orgId}`);
  console.log(`  Admin:         ${emu.admin.username} / ${emu.admin.password}`);
  console.log(`  Non-admin:     ${emu.users.nonAdmin.username} / ${emu.users.nonAdmin.password}`);
  console.log(`  Control API:   ${emu.instanceUrl}/__emulator/state`);
  for (const [name, value] of Object.entries(switches)) console.log(`  Switch:        ${name}=${String(value)}`);
  console.log('Press Ctrl+C to stop.');
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${signal}, stopping emulator...`);
    emu.stop().then(
      () => {
        console.log('Emulator stopped.');
        process.exit(0);
      },
      (e: unknown) => {
        console.error(e);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(e instanceof UsageError ? 2 : 1);
});
