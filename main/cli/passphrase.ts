import { fail } from '../../common/app-error-schema';
import type { CliIo } from './cli-io';
import { UsageError } from './command';
import { askHidden } from './vault-passphrase';

/**
 * The credentials passphrase: AGENT_CREDENTIALS_PASSPHRASE when set, else typed at the terminal.
 * `open` asks once (a wrong one fails later, at the key); `choose` asks twice, since a typo would
 * lock the agent out of the key it is about to be given.
 */
export async function readPassphrase(env: CliIo['env'], mode: 'open' | 'choose'): Promise<string> {
  const fromEnv = env.AGENT_CREDENTIALS_PASSPHRASE;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) throw new UsageError('Set AGENT_CREDENTIALS_PASSPHRASE, or run in a terminal to type the passphrase.');
  if (mode === 'open') return askHidden('Passphrase of the private key: ');
  const first = await askHidden('Passphrase for the private key: ');
  const second = await askHidden('Type it again: ');
  if (first !== second) fail('PASSPHRASE_INVALID', 'The two passphrases differ.');
  return first;
}
