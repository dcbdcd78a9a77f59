import { orgProfileInputSchema, type OrgProfile, type OrgProfileInput } from '../../common';
import { fail } from '../../common/app-error-schema';
import type { AuthKit } from './auth-types';
import { bindingChanged, issuedForOf } from './session-binding';
import { revokeTokens } from './revoke';
import type { StoredSession } from './session-store';

/**
 * Ends a profile's stored session for good: revoked where it was issued (the host the vault recorded,
 * never the one the profile names now), forgotten here, and on the record.
 */
export async function endStoredSession(kit: AuthKit, stored: StoredSession, why: string): Promise<void> {
  const { s } = kit;
  if (s.current?.profileId === stored.profileId) {
    s.current = undefined;
    s.connection = undefined;
    s.confirmed = undefined;
  }
  kit.others.forget(stored.profileId);
  await kit.sessions.clear(stored.profileId);
  if (stored.tokens) await revokeTokens(stored.identity.instanceUrl, [stored.tokens.accessToken, stored.tokens.refreshToken], kit.deps.log);
  kit.record('auth.signOut', 'success', `Ended the Salesforce session of ${stored.identity.username}: ${why}`, stored.identity);
  kit.changed();
}

/** The profile's stored session, if any: the current one or the vault's. */
export async function storedSessionOf(kit: AuthKit, profileId: string): Promise<StoredSession | undefined> {
  await kit.restored;
  return kit.s.current?.profileId === profileId ? kit.s.current : kit.sessions.load(profileId);
}

/**
 * Saving a profile with another address, sign-in client or "allow any host" ends its session: refused
 * (SESSION_ENDS_ON_SAVE) until the admin confirms, then revoked where it was issued and forgotten.
 */
export function createProfileSave(kit: AuthKit) {
  const ending = async (input: OrgProfileInput): Promise<StoredSession | undefined> => {
    if (!input.id) return undefined;
    const stored = await storedSessionOf(kit, input.id);
    const parsed = orgProfileInputSchema.safeParse(input);
    const before = kit.deps.settings.profile(input.id);
    if (!stored?.tokens || !parsed.success || !before) return undefined;
    if (!bindingChanged(stored.issuedFor ?? issuedForOf(before), parsed.data)) return undefined;
    if (input.endSession !== true)
      fail(
        'SESSION_ENDS_ON_SAVE',
        `Saving this changes where "${before.name}" signs in (its address, sign-in client or "allow any host"): its Salesforce session will be revoked and forgotten, and you sign in again.`,
        { params: { name: before.name } },
      );
    return stored;
  };
  return {
    async saveProfile(input: OrgProfileInput, save: (input: OrgProfileInput) => OrgProfile): Promise<OrgProfile> {
      const stored = await ending(input);
      const saved = save(input);
      if (stored) await endStoredSession(kit, stored, 'its org profile now signs in elsewhere.');
      return saved;
    },
  };
}
