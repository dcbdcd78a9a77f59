import { createInterface } from 'node:readline';
import { z } from 'zod';
import { fail } from '../../common/app-error-schema';
import type { DocumentStoreFactory } from '../store/document-store';
import type { SecretVault } from '../store/vault';
import type { CliIo } from './cli-io';

export const VAULT_PASSPHRASE_ENV = 'AGENT_CONNECTIONS_VAULT_PASSPHRASE';
const MIN_LENGTH = 12;

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
 * The passphrase the CLI's vault key is derived from: AGENT_CONNECTIONS_VAULT_PASSPHRASE when set,
 * else typed at the terminal. Without either the command stops and says how, rather than keep
 * secrets in clear.
 */
export function vaultPassphrase(env: CliIo['env']): () => Promise<string> {
  return async () => {
    const given =
      env[VAULT_PASSPHRASE_ENV] ?? (process.stdin.isTTY ? await askHidden("Passphrase of the command line's vault: ") : undefined);
    if (given === undefined)
      fail(
        'PASSPHRASE_INVALID',
        `No OS key store is available to the command line, so it encrypts the session and the agent's key with a passphrase you set: put it in ${VAULT_PASSPHRASE_ENV} (at least ${MIN_LENGTH} characters), or run in a terminal to type it.`,
        { action: 'retry' },
      );
    if (given.length < MIN_LENGTH)
      fail('PASSPHRASE_INVALID', `The vault passphrase needs at least ${MIN_LENGTH} characters.`, { action: 'retry' });
    return given;
  };
}

const oldVault = z.object({ version: z.literal(1), entries: z.record(z.string(), z.string()) });

/**
 * Versions before the encrypted CLI vault kept the session (JSON) and the agent's key (PEM) in clear
 * in `vault`, the desktop app's document name. Those entries move into the CLI's vault and leave the
 * old file; the desktop's own entries (ciphertext) stay where they are.
 */
export async function moveClearEntries(stores: DocumentStoreFactory, vault: SecretVault): Promise<void> {
  const document = stores('vault', {
    defaults: { version: 1 as const, entries: {} },
    parse: (raw) => oldVault.parse(raw),
  });
  const old = document.read();
  const clear = Object.entries(old.entries).filter(([, value]) => value.startsWith('{') || value.startsWith('-----BEGIN'));
  if (clear.length === 0) return;
  for (const [key, value] of clear) if ((await vault.get(key)) === undefined) await vault.set(key, value);
  const entries = Object.fromEntries(Object.entries(old.entries).filter(([key]) => !clear.some(([moved]) => moved === key)));
  document.write({ ...old, entries });
}
