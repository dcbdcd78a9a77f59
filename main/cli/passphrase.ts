import { createInterface } from 'node:readline';
import { fail } from '../../common/app-error-schema';
import type { CliIo } from './cli-io';
import { UsageError } from './command';

/** Asks `question` on stderr and reads the answer without echoing it. */
export function askHidden(question: string): Promise<string> {
  return new Promise<string>((done) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    // Keep the passphrase off the screen: echo nothing after the question.
    const output = rl as unknown as { _writeToOutput(text: string): void };
    output._writeToOutput = (text: string) => void (text.includes(question) && process.stderr.write(question));
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      done(answer);
    });
  });
}

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
