import { z } from 'zod';
import { isAllowedOrgUrl } from './salesforce-hosts';
import { signInAppSchema } from './sign-in-app';

export const themePreferences = ['system', 'light', 'dark'] as const;
export const languagePreferences = ['system', 'en', 'sv'] as const;
export const environments = ['production', 'sandbox', 'myDomain'] as const;

export const DEFAULT_CLIENT_ID = 'PlatformCLI';
export const DEFAULT_CALLBACK_PORT = 1717;
/** The loopback path sign-in listens on; the Add-profile dialog tells admins to register exactly this (fact OAUTH-LOOPBACK-CALLBACK). */
export const SIGN_IN_CALLBACK_PATH = '/OauthRedirect';

/**
 * The address's shape: https, or plain http for loopback hosts (the emulator and demo org). Whether
 * its host is a Salesforce one depends on the profile's override (`orgProfileInputSchema`).
 */
export const myDomainUrlSchema = z
  .string()
  .trim()
  .url()
  // zod runs refinements even after .url() failed: isAllowedOrgUrl takes half-typed addresses too.
  .refine((value) => isAllowedOrgUrl(value, true), 'Use an https:// address (http:// is accepted only for this computer).')
  .transform((value) => new URL(value).origin);

/**
 * An org profile's own JWT audience (fact JWT-AUDIENCE): only for orgs where the type's audience is
 * not the right one, e.g. an Experience Cloud site. https only; a path is kept, a trailing slash dropped.
 */
export const jwtAudienceSchema = z
  .string()
  .trim()
  .url()
  .refine((value) => URL.canParse(value) && new URL(value).protocol === 'https:', 'Use an https:// address.')
  .transform((value) => {
    const url = new URL(value);
    return `${url.origin}${url.pathname}`.replace(/\/+$/, '');
  });

export const NOT_SALESFORCE_HOST =
  'Use your Salesforce address (https://<your domain>.my.salesforce.com); another host needs "Allow any host" on the profile.';

export const orgProfileInputSchema = z
  .object({
    id: z.string().min(1).max(64).optional(),
    name: z.string().trim().min(1).max(80),
    environment: z.enum(environments),
    myDomainUrl: myDomainUrlSchema.optional(),
    jwtAudience: jwtAudienceSchema.optional(),
    clientId: z.string().trim().min(1).max(255).default(DEFAULT_CLIENT_ID),
    callbackPort: z.number().int().min(1024).max(65535).default(DEFAULT_CALLBACK_PORT),
    /** The admin's visible override: sign in at a host that is not Salesforce's (emulators, tests, the demo org). */
    allowAnyHost: z.boolean().default(false),
    /** The org this profile signed in to (set after the first completed sign-in); another org is refused. */
    orgId: z
      .string()
      .regex(/^00D[A-Za-z0-9]{12,15}$/)
      .optional(),
    /**
     * The admin confirmed that this change of address, sign-in client or "allow any host" ends the
     * profile's session (SESSION_ENDS_ON_SAVE otherwise). A confirmation, never stored.
     */
    endSession: z.boolean().optional(),
  })
  .refine((p) => p.environment !== 'myDomain' || p.myDomainUrl !== undefined, {
    message: 'A My Domain profile needs its URL.',
    path: ['myDomainUrl'],
  })
  .refine((p) => p.myDomainUrl === undefined || isAllowedOrgUrl(p.myDomainUrl, p.allowAnyHost), {
    message: NOT_SALESFORCE_HOST,
    path: ['myDomainUrl'],
  });
export type OrgProfileInput = z.input<typeof orgProfileInputSchema>;

export const orgProfileSchema = z.object({
  id: z.string(),
  name: z.string(),
  environment: z.enum(environments),
  myDomainUrl: z.string().optional(),
  /** Overrides the audience the org's type gives the agent's JWT (fact JWT-AUDIENCE). */
  jwtAudience: z.string().optional(),
  clientId: z.string(),
  callbackPort: z.number().int(),
  /** Set by the admin (or the app, for the demo org) to sign in at a host that is not Salesforce's. */
  allowAnyHost: z.boolean().optional(),
  /** The org this profile signed in to; commands refuse to act in another one (ORG_MISMATCH). */
  orgId: z.string().optional(),
  /** The org's own sign-in app this profile signs in with (its clientId is the app's consumer key). */
  signInApp: signInAppSchema.optional(),
});
export type OrgProfile = z.infer<typeof orgProfileSchema>;
export type Environment = OrgProfile['environment'];

/** Whether main may sign in with this profile (a file written before the host policy may hold any host). */
export function profileHostAllowed(profile: Pick<OrgProfile, 'environment' | 'myDomainUrl' | 'allowAnyHost'>): boolean {
  return isAllowedOrgUrl(loginUrlOf(profile), profile.allowAnyHost === true);
}

/** The login origin a profile signs in through. */
export function loginUrlOf(profile: Pick<OrgProfile, 'environment' | 'myDomainUrl'>): string {
  if (profile.environment === 'production') return 'https://login.salesforce.com';
  if (profile.environment === 'sandbox') return 'https://test.salesforce.com';
  return profile.myDomainUrl ?? 'https://login.salesforce.com';
}

/** How long Enable waits for Salesforce to accept the agent (fact ACTIVATION-PROPAGATION: up to ~30 minutes). */
export const DEFAULT_ACTIVATION_TIMEOUT_MINUTES = 30;
export const activationTimeoutMinutesSchema = z.number().int().min(5).max(120);

/** How long after the app was created or changed `app_not_found` still means "not yet" (fact ACTIVATION-PROPAGATION). */
export const DEFAULT_APP_NOT_FOUND_MINUTES = 10;
export const appNotFoundMinutesSchema = z.number().int().min(1).max(60);

/** How long the agent's certificate is valid: a year by default, at most two (a new key pair each rotation). */
export const DEFAULT_CERTIFICATE_LIFETIME_DAYS = 365;
export const certificateLifetimeDaysSchema = z.number().int().min(30).max(730);

/** How often the running app re-checks every connected org (6 hours by default; at least hourly, at most weekly). */
export const DEFAULT_HEALTH_CHECK_HOURS = 6;
export const healthCheckHoursSchema = z.number().int().min(1).max(168);

export const settingsSchema = z.object({
  schemaVersion: z.literal(1),
  // Settings files written before this setting existed get the default.
  activationTimeoutMinutes: activationTimeoutMinutesSchema.default(DEFAULT_ACTIVATION_TIMEOUT_MINUTES),
  appNotFoundMinutes: appNotFoundMinutesSchema.default(DEFAULT_APP_NOT_FOUND_MINUTES),
  certificateLifetimeDays: certificateLifetimeDaysSchema.default(DEFAULT_CERTIFICATE_LIFETIME_DAYS),
  healthCheckHours: healthCheckHoursSchema.default(DEFAULT_HEALTH_CHECK_HOURS),
  theme: z.enum(themePreferences),
  language: z.enum(languagePreferences),
  agentName: z.string().trim().min(1).max(40),
  orgProfiles: z.array(orgProfileSchema),
  activeProfileId: z.string().nullable(),
  /** This install's id, made once: what the app creates in an org names it as owner (installId()). */
  installId: z
    .string()
    .regex(/^[A-Za-z0-9-]{8,64}$/)
    .optional(),
});
export type Settings = z.infer<typeof settingsSchema>;

export const settingsUpdateSchema = z
  .object({
    theme: z.enum(themePreferences),
    language: z.enum(languagePreferences),
    agentName: z
      .string()
      .trim()
      .min(1)
      .max(40)
      .regex(/^[A-Za-z][A-Za-z0-9 ]*$/, 'Use letters, digits and spaces, starting with a letter.'),
    activationTimeoutMinutes: activationTimeoutMinutesSchema,
    appNotFoundMinutes: appNotFoundMinutesSchema,
    certificateLifetimeDays: certificateLifetimeDaysSchema,
    healthCheckHours: healthCheckHoursSchema,
  })
  .partial()
  .strict();
export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

export const defaultSettings: Settings = {
  schemaVersion: 1,
  activationTimeoutMinutes: DEFAULT_ACTIVATION_TIMEOUT_MINUTES,
  appNotFoundMinutes: DEFAULT_APP_NOT_FOUND_MINUTES,
  certificateLifetimeDays: DEFAULT_CERTIFICATE_LIFETIME_DAYS,
  healthCheckHours: DEFAULT_HEALTH_CHECK_HOURS,
  theme: 'system',
  language: 'system',
  agentName: 'Sales Agent',
  orgProfiles: [],
  activeProfileId: null,
};
