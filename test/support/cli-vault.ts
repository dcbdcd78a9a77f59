import type { DocumentStoreFactory } from '../../main/store/document-store';
import { createPassphraseVault } from '../../main/store/passphrase-vault';
import type { SecretVault } from '../../main/store/vault';

/** The passphrase the tests' CLI runs unlock their vault with (AGENT_CONNECTIONS_VAULT_PASSPHRASE). */
export const TEST_VAULT_PASSPHRASE = 'test vault passphrase 2026';

/** The CLI's own vault over `stores`, as a CLI run with TEST_VAULT_PASSPHRASE opens it. */
export const testCliVault = (stores: DocumentStoreFactory): SecretVault =>
  createPassphraseVault(stores, { passphrase: () => Promise.resolve(TEST_VAULT_PASSPHRASE) });
