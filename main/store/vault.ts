import type { DocumentStoreFactory } from './document-store';
import { z } from 'zod';

/**
 * Secrets (refresh tokens, the agent's private key) live only in main. `protection` tells the UI
 * what the host can promise: `encrypted` (OS key store, or the CLI's passphrase-derived key:
 * passphrase-vault.ts), `file` (a file only this user can read), `memory` (nothing written; gone when the process ends).
 */
export interface SecretVault {
  readonly protection: 'encrypted' | 'file' | 'memory';
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  delete(key: string): Promise<void>;
}

/** Encrypts and decrypts with the host's key store (Electron safeStorage's async API). */
export interface Cipher {
  encrypt(plain: string): Promise<string>;
  decrypt(cipherText: string): Promise<string>;
}

const vaultDocument = z.object({ version: z.literal(1), entries: z.record(z.string(), z.string()) });
type VaultDocument = z.infer<typeof vaultDocument>;

export function createMemoryVault(): SecretVault {
  const entries = new Map<string, string>();
  return {
    protection: 'memory',
    get: (key) => Promise.resolve(entries.get(key)),
    set: (key, value) => Promise.resolve(void entries.set(key, value)),
    delete: (key) => Promise.resolve(void entries.delete(key)),
  };
}

/** Ciphertext in a store document; only the cipher can read it back. */
export function createEncryptedVault(stores: DocumentStoreFactory, cipher: Cipher): SecretVault {
  return createDocumentVault(stores, 'encrypted', cipher);
}

const vaultSpec = {
  defaults: { version: 1, entries: {} } as VaultDocument,
  parse: (raw: unknown) => vaultDocument.parse(raw),
};

function createDocumentVault(stores: DocumentStoreFactory, protection: SecretVault['protection'], cipher: Cipher): SecretVault {
  const document = stores('vault', vaultSpec);
  const update = (change: (entries: Record<string, string>) => void): void => {
    const current = document.read();
    change(current.entries);
    document.write(current);
  };
  return {
    protection,
    async get(key) {
      const stored = document.read().entries[key];
      return stored === undefined ? undefined : cipher.decrypt(stored);
    },
    async set(key, value) {
      const sealed = await cipher.encrypt(value);
      update((entries) => void (entries[key] = sealed));
    },
    delete(key) {
      update((entries) => void delete entries[key]);
      return Promise.resolve();
    },
  };
}
