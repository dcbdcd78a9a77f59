import type { AdminAuth, AdminSession } from '../auth';

/** All the connection needs from sign-in: the admin's session, and a nudge after each sign-in. */
export type AdminSessionSource = Pick<AdminAuth, 'session' | 'onSignedIn'>;
export type { AdminSession };
