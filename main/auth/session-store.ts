import { z } from 'zod';
import { adminPermissionCheckSchema, identitySchema } from '../../common';
import type { Logger } from '../log';
import type { SecretVault } from '../store/vault';

const storedSessionSchema = z.object({
  version: z.literal(1),
  profileId: z.string(),
  identity: identitySchema,
  permissions: adminPermissionCheckSchema,
  /** The login origin, client and host override the session was issued for (session-binding.ts). */
  issuedFor: z.object({ loginUrl: z.string(), clientId: z.string(), allowAnyHost: z.boolean() }).optional(),
  /** Absent once Salesforce refused them: the admin must sign in again. */
  tokens: z.object({ accessToken: z.string().min(1), refreshToken: z.string().min(1).optional() }).optional(),
});
export type StoredSession = z.infer<typeof storedSessionSchema>;

/**
 * The admin sessions as kept in the SecretVault, one per org profile: the active profile's is the
 * one the screens use; the others let the app check every org it looks after.
 */
export interface SessionStore {
  load(profileId: string): Promise<StoredSession | undefined>;
  /** Kept under the session's own profile; another profile's session stays as it is. */
  save(session: StoredSession): Promise<void>;
  clear(profileId: string): Promise<void>;
}

/** Where versions before per-profile sessions kept the one session. */
const LEGACY_KEY = 'auth.adminSession';
const keyOf = (profileId: string): string => `${LEGACY_KEY}.${profileId}`;

export function createSessionStore(vault: SecretVault, log: Logger): SessionStore {
  const protect = (session: StoredSession) => {
    if (session.tokens?.accessToken) log.registerSecret(session.tokens.accessToken);
    if (session.tokens?.refreshToken) log.registerSecret(session.tokens.refreshToken);
  };
  const read = async (key: string): Promise<StoredSession | undefined> => {
    const raw = await vault.get(key);
    if (raw === undefined) return undefined;
    const parsed = storedSessionSchema.safeParse(parseJson(raw));
    if (!parsed.success) {
      log.warn('The stored Salesforce session could not be read; sign in again.');
      return undefined;
    }
    protect(parsed.data);
    return parsed.data;
  };
  const write = async (session: StoredSession) => {
    protect(session);
    await vault.set(keyOf(session.profileId), JSON.stringify(storedSessionSchema.parse(session)));
  };
  /** The single session of an earlier version moves, once, to the profile it belonged to. */
  const migrated = (async () => {
    const legacy = await read(LEGACY_KEY);
    if (legacy && (await vault.get(keyOf(legacy.profileId))) === undefined) await write(legacy);
    if ((await vault.get(LEGACY_KEY)) !== undefined) await vault.delete(LEGACY_KEY);
  })().catch(() => log.warn('The session of an earlier version could not be moved; sign in again.'));
  return {
    async load(profileId) {
      await migrated;
      return read(keyOf(profileId));
    },
    async save(session) {
      await migrated;
      await write(session);
    },
    async clear(profileId) {
      await migrated;
      await vault.delete(keyOf(profileId));
    },
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
