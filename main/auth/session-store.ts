import { z } from 'zod';
import { adminPermissionCheckSchema, identitySchema } from '../../common';
import type { Logger } from '../log';
import type { SecretVault } from '../store/vault';

const storedSessionSchema = z.object({
  version: z.literal(1),
  profileId: z.string(),
  identity: identitySchema,
  permissions: adminPermissionCheckSchema,
  /** Absent once Salesforce refused them: the admin must sign in again. */
  tokens: z
    .object({ accessToken: z.string().min(1), refreshToken: z.string().min(1).optional() })
    .optional(),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

/** The admin session as kept in the SecretVault: tokens plus what the app shows about them. */
export interface SessionStore {
  load(): Promise<StoredSession | undefined>;
  save(session: StoredSession): Promise<void>;
  clear(): Promise<void>;
}

const VAULT_KEY = 'auth.adminSession';

export function createSessionStore(vault: SecretVault, log: Logger): SessionStore {
  const protect = (session: StoredSession) => {
    if (session.tokens?.accessToken) log.registerSecret(session.tokens.accessToken);
    if (session.tokens?.refreshToken) log.registerSecret(session.tokens.refreshToken);
  };
  return {
    async load() {
      const raw = await vault.get(VAULT_KEY);
      if (raw === undefined) return undefined;
      const parsed = storedSessionSchema.safeParse(parseJson(raw));
      if (!parsed.success) {
        log.warn('The stored Salesforce session could not be read; sign in again.');
        return undefined;
      }
      protect(parsed.data);
      return parsed.data;
    },
    async save(session) {
      protect(session);
      await vault.set(VAULT_KEY, JSON.stringify(storedSessionSchema.parse(session)));
    },
    clear: () => vault.delete(VAULT_KEY),
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
