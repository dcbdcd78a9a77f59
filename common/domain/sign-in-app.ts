import { z } from 'zod';

/**
 * The org's own sign-in app (fact UNINSTALLED-APP-ACCESS): a local External Client App for the
 * admin's web server flow with PKCE, made when the default client is blocked for some admins.
 */
export const SIGN_IN_APP_API_NAME = 'Agent_Connections_Sign_In';
export const SIGN_IN_APP_LABEL = 'Agent Connections sign-in';
export const SIGN_IN_PERMISSION_SET_API_NAME = 'Agent_Connections_admins';
export const SIGN_IN_PERMISSION_SET_LABEL = 'Agent Connections admins';
/** The runtime scopes it grants: the API, a refresh token, and Setup pages opened from the app. */
export const SIGN_IN_APP_SCOPES = ['api', 'refresh_token', 'web'] as const;

/** What a profile keeps of the sign-in app it signs in with. */
export const signInAppSchema = z.object({
  appName: z.string(),
  consumerKey: z.string(),
  callbackPort: z.number().int(),
  permissionSet: z.string(),
  orgId: z.string(),
  createdAt: z.string(),
});
export type SignInApp = z.infer<typeof signInAppSchema>;

export const signInAppPlanKinds = ['create', 'remove'] as const;

/** What creating or removing the sign-in app would change, read from the org; nothing is written. */
export const signInAppPlanSchema = z.object({
  id: z.string(),
  kind: z.enum(signInAppPlanKinds),
  orgId: z.string(),
  callbackPort: z.number().int(),
  assignTo: z.array(z.string()),
  /** The changes in words, one line each. */
  summary: z.array(z.string()),
});
export type SignInAppPlan = z.infer<typeof signInAppPlanSchema>;

export const signInAppPlanInputSchema = z
  .object({
    kind: z.enum(signInAppPlanKinds),
    callbackPort: z.number().int().min(1024).max(65535).optional(),
    /** Usernames who get the permission set (the signed-in admin is always one). */
    assignTo: z.array(z.string().trim().min(3).max(80)).max(50).optional(),
  })
  .strict();
export type SignInAppPlanInput = z.input<typeof signInAppPlanInputSchema>;
