import type { AdminAuth, AdminSession } from './';

/**
 * All the connection needs from sign-in: the admin's session (confirmed, for a secret), who they were
 * when it ended (for the record), and a nudge after each sign-in.
 */
export type AdminSessionSource = Pick<AdminAuth, 'session' | 'confirmedSession' | 'status' | 'onSignedIn'>;
export type { AdminSession };
