import type { StartedEmulator } from '../packages/salesforce-emulator/index';

/**
 * The `login` that signs the CLI in to an emulator org with the admin's token (SF_ACCESS_TOKEN)
 * instead of a browser. The emulator serves OAuth at its instance URL, which is no Salesforce host,
 * hence --allow-any-host. The benchmarks and the CLI's integration tests sign in this one way.
 */
export function emulatorLoginArgs(emulator: Pick<StartedEmulator, 'instanceUrl'>, profile?: string): string[] {
  const { instanceUrl } = emulator;
  const named = profile === undefined ? [] : ['--org-profile', profile];
  return ['login', '--instance-url', instanceUrl, '--login-url', instanceUrl, '--allow-any-host', ...named];
}
