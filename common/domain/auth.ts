import { z } from 'zod';
import { appErrorSchema } from '../app-error-schema';
import { environments } from './settings';

export const identitySchema = z.object({
  orgId: z.string(),
  orgName: z.string(),
  userId: z.string(),
  userName: z.string(),
  username: z.string(),
  instanceUrl: z.string(),
  environment: z.enum(environments),
});
export type Identity = z.infer<typeof identitySchema>;

/** Rights the admin needs to set up the connection; `missing` lists their labels. */
export const adminPermissionCheckSchema = z.object({
  ok: z.boolean(),
  missing: z.array(z.string()),
});
export type AdminPermissionCheck = z.infer<typeof adminPermissionCheckSchema>;

export const authStatusSchema = z.discriminatedUnion('state', [
  z.object({
    state: z.literal('signedOut'),
    profileId: z.string().nullable(),
    /** Why the last sign-in attempt ended without a session (timeout, refusal, port in use...). */
    lastError: appErrorSchema.optional(),
  }),
  z.object({
    state: z.literal('signingIn'),
    profileId: z.string(),
    authorizeUrl: z.string(),
    expiresAt: z.string(),
  }),
  z.object({
    state: z.literal('signedIn'),
    profileId: z.string(),
    identity: identitySchema,
    permissions: adminPermissionCheckSchema,
    /**
     * `encrypted`: OS key store. `memory`: no usable key store, the session ends with the app.
     * `file`: the CLI without a key store keeps it in a file only this OS user can read.
     */
    sessionStorage: z.enum(['encrypted', 'memory', 'file']),
    /** Until when the admin's last browser sign-in confirms them for exporting the agent's key. */
    confirmedUntil: z.string().optional(),
  }),
  z.object({ state: z.literal('expired'), profileId: z.string(), identity: identitySchema.optional() }),
]);
export type AuthStatus = z.infer<typeof authStatusSchema>;

/** The `error` values Salesforce's own sign-in error page may show (fact AUTHORIZE-ERROR-PAGE); the app names each one's cause and fix. */
export const signInRefusalErrors = ['invalid_client', 'OAUTH_APP_BLOCKED', 'OAUTH_APP_ACCESS_DENIED', 'redirect_uri_mismatch'] as const;
export type SignInRefusalError = (typeof signInRefusalErrors)[number];

export const signInStartedSchema = z.object({
  authorizeUrl: z.string(),
  /** Desktop: main already opened the system browser. Browser mode: the page opens a new tab. */
  openedBy: z.enum(['app', 'page']),
});
export type SignInStarted = z.infer<typeof signInStartedSchema>;
