/**
 * A separate app process for the "killed at each step" tests: runs Enable against the emulator
 * over a shared data directory until the parent kills it. Configuration comes from the environment.
 */
import { createLogger } from '../../../main/log';
import { createAuditLog } from '../../../main/store/audit-log';
import { createConfStoreFactory } from '../../../main/store/conf-store';
import { createSettingsRepository } from '../../../main/store/settings-repository';
import { testCliVault } from '../cli-vault';
import { createConnectionServices } from '../../../main/connection';
import { tokenSession, type EmulatorOrg } from './emulator-session';

const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const org = JSON.parse(env('EMULATOR_ORG')) as EmulatorOrg;
const stores = createConfStoreFactory(env('AGENT_CONNECTIONS_DATA_DIR'));
const { connection } = createConnectionServices({
  settings: createSettingsRepository(stores),
  stores,
  vault: testCliVault(stores),
  auth: tokenSession(org, env('ADMIN_ACCESS_TOKEN')),
  events: { emit: () => undefined },
  audit: createAuditLog(stores),
  log: createLogger(() => undefined),
});
await connection.planAndRun('enable');
const state = await connection.settled();
process.stdout.write(`${state.status}\n`);
