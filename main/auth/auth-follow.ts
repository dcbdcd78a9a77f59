import type { AuthStatus } from '../../common';
import type { AuthKit } from './auth-types';

/**
 * Making another org profile active makes its session the one the screens and runs use: its own
 * stored session where it has one, else signed out of it. The previous profile's session stays
 * stored (not revoked), so switching back needs no new sign-in.
 */
export function createProfileFollow(kit: AuthKit) {
  const { s } = kit;
  return async (profileId: string): Promise<AuthStatus> => {
    await kit.restored;
    // A sign-in waiting for another profile's browser page would land in the wrong place.
    const foreignFlight = s.flight && s.flight.profileId !== profileId ? s.flight : undefined;
    if (foreignFlight) {
      s.flight = undefined;
      foreignFlight.attempt.cancel();
    }
    if (s.current?.profileId === profileId) return foreignFlight ? kit.changed() : kit.status();
    const stored = await kit.sessions.load(profileId);
    kit.others.forget(profileId);
    s.current = stored;
    s.connection = undefined;
    s.confirmed = undefined;
    s.lastError = undefined;
    return kit.changed();
  };
}
