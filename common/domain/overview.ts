import { z } from 'zod';
import { appErrorSchema } from '../app-error-schema';
import { connectionStatuses } from './connection';
import { environments } from './settings';
import { coexistingConnectionSchema } from './org-setup';

/**
 * Why an org was not checked: its profile has no Salesforce session (sign in to it), or it has no
 * connection this install made (nothing to check).
 */
export const notCheckedReasons = ['signIn', 'notConnected'] as const;

/** One org profile as the Connections overview and `status --all` show it. */
export const orgOverviewSchema = z.object({
  profileId: z.string(),
  profile: z.string(),
  /** Unknown until the profile's first completed sign-in. */
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  environment: z.enum(environments),
  /** Production is marked strongly wherever orgs are listed together. */
  production: z.boolean(),
  status: z.enum(connectionStatuses),
  lastCheckedAt: z.string().nullable(),
  certificateExpiresAt: z.string().optional(),
  notChecked: z.enum(notCheckedReasons).optional(),
  /** Since when the agent holds credentials of an earlier app or certificate (until they are exported again). */
  handOverSince: z.string().optional(),
  error: appErrorSchema.optional(),
  /** Microsoft's own Sales agent connection in this org, as last found (fact MICROSOFT-SALES-AGENT-CONNECTION). */
  coexisting: coexistingConnectionSchema.optional(),
});
export type OrgOverview = z.infer<typeof orgOverviewSchema>;

/** One org in one background check (`agent-connections watch run`), as the Overview's history lists it. */
export const watchCheckSchema = z.object({
  at: z.string(),
  profile: z.string(),
  orgId: z.string().nullable(),
  status: z.enum(connectionStatuses),
  /** The status at the previous background check; null at the first. */
  previous: z.enum(connectionStatuses).nullable(),
  changed: z.boolean(),
  /** Why the org could not be checked (no session for its profile, Salesforce did not answer). */
  problem: z.string().optional(),
});
export type WatchCheck = z.infer<typeof watchCheckSchema>;

export const connectionsOverviewSchema = z.object({
  orgs: z.array(orgOverviewSchema),
  /** The background checks' history, newest first (bounded). */
  checks: z.array(watchCheckSchema).optional(),
});
export type ConnectionsOverview = z.infer<typeof connectionsOverviewSchema>;

/**
 * A scheduled check found an org's state changed (connected to drift or error, or back): desktop
 * shows a notification, browser mode a banner. Texts are keyed so the page says them in its language.
 */
export const healthNoticeSchema = z.object({
  profile: z.string(),
  orgName: z.string(),
  from: z.enum(connectionStatuses),
  to: z.enum(connectionStatuses),
  at: z.string(),
});
export type HealthNotice = z.infer<typeof healthNoticeSchema>;
