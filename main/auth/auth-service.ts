import { createAdoption } from './auth-adopt';
import { createAuthKit } from './auth-kit';
import { createProfileFollow } from './auth-follow';
import { createSessionAccess } from './auth-session';
import { createSignIn } from './auth-sign-in';
import type { AdminAuth, AuthDeps } from './auth-types';
import { createProfileSave } from './session-end';

export { CONFIRMATION_WINDOW_MS, type AdminAuth, type AdminSession, type AuthDeps } from './auth-types';

/**
 * The admin's sign-in: one session per org profile (session-store.ts), the active profile's being
 * the one the screens and runs use (auth-kit.ts), made current by a browser sign-in or a token
 * (auth-sign-in.ts, auth-adopt.ts), and handed to the services (auth-session.ts).
 */
export function createAuthService(deps: AuthDeps): AdminAuth {
  const kit = createAuthKit(deps);
  const adoption = createAdoption(kit);
  return {
    status: () => kit.status(),
    ...createSignIn(kit, adoption),
    ...createSessionAccess(kit, adoption),
    follow: createProfileFollow(kit),
    ...createProfileSave(kit),
    ready: () => kit.restored,
    onSignedIn(listener) {
      kit.listeners.add(listener);
      return () => kit.listeners.delete(listener);
    },
  };
}
