/**
 * The Salesforce org emulator's public API, the only module outside this package may import: the
 * demo mode, the benchmarks and the tests start orgs, drive their login pages and read their state
 * through it. See README.md for every endpoint, rule and switch.
 */
export { startEmulator, PLATFORM_CLI_CLIENT, type EmulatorOptions, type StartedEmulator } from './src/start';
export type { EmulatorState } from './src/state';
export type { FaultSpec, RequestLogEntry } from './src/faults';
export { DEFAULT_SWITCHES, type EmulatorSwitches } from './src/switches';
export { describeSwitches, parseSwitch, switchCatalog, switchNames, type SwitchCatalog } from './src/switch-catalog';
export { extraCustomFieldNames } from './src/catalog';
export type { UserRules, UserValidationRule } from './src/user-rules-config';
export { completeEmulatorLogin } from './src/complete-login';
export {
  authorizeInBrowser,
  CLI,
  firstError,
  mdApi,
  newOAuth2,
  signIn,
  VERSION,
  type LooseMetadataApi,
  type MdError,
  type MdSaveResult,
} from './src/client';
