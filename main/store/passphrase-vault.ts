import { createCipheriv, createDecipheriv, createHash, randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';
import { fail } from '../../common/app-error-schema';
import type { DocumentStoreFactory } from './document-store';
import type { SecretVault } from './vault';

/**
 * The CLI's vault: plain Node has no OS key store it can use without a native add-on, so every
 * entry is sealed with AES-256-GCM under a key derived with scrypt from a passphrase the admin sets.
 * It is its own document (`cli-vault`), never the desktop app's `vault`, even in one data directory.
 */
export const CLI_VAULT_DOCUMENT = 'cli-vault';

/** scrypt at the cost OWASP recommends (N=2^17, r=8, p=1: 128 MiB, a fraction of a second). */
const KDF = { N: 2 ** 17, r: 8, p: 1 } as const;
const CHECK = 'agent-connections-cli-vault';

const documentSchema = z.object({
  version: z.literal(1),
  kdf: z.object({ name: z.literal('scrypt'), salt: z.string(), N: z.number(), r: z.number(), p: z.number() }).nullable(),
  /** A known text sealed with the key: a wrong passphrase is told apart from a damaged entry. */
  check: z.string().nullable(),
  entries: z.record(z.string(), z.string()),
});
type VaultDocument = z.infer<typeof documentSchema>;
const spec = {
  defaults: { version: 1, kdf: null, check: null, entries: {} } as VaultDocument,
  parse: (raw: unknown) => documentSchema.parse(raw),
};

/** One derivation per passphrase and salt in a process: the CLI's commands share it. */
const derived = new Map<string, Promise<Buffer>>();
function deriveKey(passphrase: string, kdf: NonNullable<VaultDocument['kdf']>): Promise<Buffer> {
  const id = createHash('sha256').update(`${kdf.salt}\0${kdf.N}\0${passphrase}`).digest('hex');
  const known = derived.get(id);
  if (known) return known;
  const key = new Promise<Buffer>((done, failed) =>
    scrypt(passphrase, Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * 1024 * 1024 }, (error, out) =>
      error ? failed(error) : done(out),
    ),
  );
  derived.set(id, key);
  return key;
}

function seal(key: Buffer, plain: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), body].map((part) => part.toString('base64')).join('.');
}

function open(key: Buffer, sealed: string): string | undefined {
  const [iv, tag, body] = sealed.split('.').map((part) => Buffer.from(part, 'base64'));
  if (!iv || !tag || !body) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}

export interface PassphraseVaultOptions {
  /** Asked once, when a secret is first read or written (env var or prompt: main/cli/vault-passphrase.ts). */
  passphrase: () => Promise<string>;
  /** Called after each write with the file's path (the CLI keeps it to the user). */
  restrictFile?: (path: string) => void;
}

/** `unlock`: checks the passphrase now when the vault holds anything (a wrong one stops the command at once). */
export function createPassphraseVault(
  stores: DocumentStoreFactory,
  options: PassphraseVaultOptions,
): SecretVault & { unlock(): Promise<void> } {
  const document = stores(CLI_VAULT_DOCUMENT, spec);
  let unlocked: Promise<Buffer> | undefined;
  const unlock = async (): Promise<Buffer> => {
    const current = document.read();
    const kdf = current.kdf ?? { name: 'scrypt' as const, salt: randomBytes(16).toString('base64'), ...KDF };
    const key = await deriveKey(await options.passphrase(), kdf);
    if (!current.kdf || current.check === null) document.write({ ...current, kdf, check: seal(key, CHECK) });
    else if (open(key, current.check) !== CHECK)
      fail('PASSPHRASE_INVALID', "That passphrase does not open the command line's vault (AGENT_CONNECTIONS_VAULT_PASSPHRASE).", {
        action: 'retry',
      });
    return key;
  };
  const key = (): Promise<Buffer> => {
    unlocked ??= unlock().catch((thrown: unknown) => {
      unlocked = undefined;
      throw thrown;
    });
    return unlocked;
  };
  const written = () => options.restrictFile?.(document.path);
  return {
    protection: 'encrypted',
    async unlock() {
      if (document.read().kdf) await key();
    },
    async get(name) {
      const sealed = document.read().entries[name];
      if (sealed === undefined) return undefined;
      return open(await key(), sealed);
    },
    async set(name, value) {
      const sealed = seal(await key(), value);
      const current = document.read();
      document.write({ ...current, entries: { ...current.entries, [name]: sealed } });
      written();
    },
    delete(name) {
      const current = document.read();
      if (!(name in current.entries)) return Promise.resolve();
      const { [name]: _gone, ...entries } = current.entries;
      document.write({ ...current, entries });
      written();
      return Promise.resolve();
    },
  };
}
