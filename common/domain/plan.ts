import { z } from 'zod';
import { permissionFlagsSchema, preflightReportSchema, runKinds } from './connection';
import { userDefaultsSchema } from './user-defaults';
import { visibilityReasons } from './visibility';

/** Every run that writes to the org is reviewed first; its plan is asked for by kind. */
export const plannedRunKinds = runKinds;
export type PlannedRunKind = (typeof plannedRunKinds)[number];

export const planIdSchema = z.string().min(1).max(64);
/** The input of each run operation: the id of the plan the admin confirmed. */
export const confirmedPlanInputSchema = z.object({ planId: planIdSchema }).strict();
export type ConfirmedPlanInput = z.infer<typeof confirmedPlanInputSchema>;

/** One object or field whose access the run changes; `before` null = not granted today, `after` null = removed. */
export const permissionChangeSchema = z.object({
  object: z.string(),
  field: z.string().nullable(),
  before: permissionFlagsSchema.nullable(),
  after: permissionFlagsSchema.nullable(),
  /** The change gives Edit or View All Records: the review calls it out. */
  widens: z.boolean(),
  /** Someone other than this app granted it (removed only because the admin confirms). */
  byHand: z.boolean().optional(),
});
export type PermissionChange = z.infer<typeof permissionChangeSchema>;

/** What the plan does to each part of the connection in the org. */
export const artifactActions = ['create', 'reuse', 'reactivate', 'replace', 'update', 'remove', 'deactivate', 'keep'] as const;
export const planArtifactSchema = z.object({
  part: z.enum(['app', 'user', 'permissionSet', 'assignment', 'licence', 'key']),
  action: z.enum(artifactActions),
  /** The label or username the admin sees in Setup. */
  name: z.string(),
  /** The API name, where it has one. */
  apiName: z.string().optional(),
});
export type PlanArtifact = z.infer<typeof planArtifactSchema>;

export const licenceNames = ['integrationUser', 'apiIntegration'] as const;
export const planLicenceSchema = z.object({
  licence: z.enum(licenceNames),
  /** The name Salesforce shows (Setup > Company Information). */
  name: z.string(),
  change: z.enum(['use', 'free', 'keep']),
  /** Free seats in the org now, when known. */
  available: z.number().int().nullable(),
});
export type PlanLicence = z.infer<typeof planLicenceSchema>;

/** The External Client App's OAuth settings as the run writes them (main/connection/steps/external-client-app.ts). */
export const planOAuthSchema = z.object({
  scopes: z.array(z.string()),
  flow: z.literal('jwtBearer'),
  /** Pre-authorised users: holders of this permission set (API name). */
  preAuthorisedPermissionSet: z.string(),
  ipPolicy: z.enum(['Enforce', 'Relax']),
  certificateValidDays: z.number().int(),
  certificateValidUntil: z.string(),
});
export type PlanOAuth = z.infer<typeof planOAuthSchema>;

/**
 * Why a rebuild (Reconnect, Recreate) is the way, or that something smaller would do
 * (`review.whyRebuild.<key>`): the last check's finding, said at the top of the review.
 */
export const rebuildReasons = [
  'appGone',
  'userGone',
  'permissionSetGone',
  'signInRefused',
  'ownedElsewhere',
  'repairWouldDo',
  'updateAccessWouldDo',
  'nothingBroken',
] as const;
export type RebuildReason = (typeof rebuildReasons)[number];

/** What a run means for the agent and the org, in the renderer's words `review.consequences.<key>`. */
export const planConsequences = [
  'consumerKeyChanges',
  'reexportCredentials',
  'agentOffline',
  'agentStops',
  'userDeactivatedNotDeleted',
  'privateKeyDeleted',
  'waitForSalesforce',
  'rollbackRemoves',
  'accessWidens',
  'accessNarrows',
  'nothingToChange',
  'oldKeyStopsAtOnce',
  /** Repair: the app, its consumer key and the certificate stay, so the agent's exported credentials keep working. */
  'credentialsKeepWorking',
] as const;
export type PlanConsequence = (typeof planConsequences)[number];

/**
 * What the agent will see of one object once the run has built the connection, read before anything
 * is created: the records the admin counts and how many of them a new integration user (no role, owns
 * nothing) reads with this access, by the same reasons Test connection gives afterwards.
 */
export const plannedVisibilitySchema = z.object({
  object: z.string(),
  /** Records in the org (the admin's count); null when the count was refused. */
  total: z.number().int().nullable(),
  /** Records the agent will read; null where it depends on other records (parents, activities). */
  willSee: z.number().int().nullable(),
  reason: z.enum(visibilityReasons),
  /** In English, for the CLI and logs. */
  message: z.string(),
});
export type PlannedVisibility = z.infer<typeof plannedVisibilitySchema>;

export const runPlanSchema = z.object({
  id: planIdSchema,
  kind: z.enum(plannedRunKinds),
  /** For Resume and Roll back: the kind of the run they finish or undo. */
  of: z.enum(runKinds).optional(),
  createdAt: z.string(),
  /** After this the run refuses the plan (PLAN_STALE): the org may have moved on. */
  expiresAt: z.string(),
  /** Of what the plan describes: a run whose org or desired state no longer matches refuses it. */
  fingerprint: z.string(),
  orgId: z.string(),
  agentName: z.string(),
  artifacts: z.array(planArtifactSchema),
  licences: z.array(planLicenceSchema),
  access: z.array(permissionChangeSchema),
  oauth: planOAuthSchema.nullable(),
  consequences: z.array(z.enum(planConsequences)),
  /** The integration user's defaults, where the run creates the user (fact USER-DEFAULTS). */
  userDefaults: userDefaultsSchema.optional(),
  /** The pre-flight of a build (Turn on, Reconnect, Recreate): what the org's setup asks, shown in the review. */
  preflight: preflightReportSchema.optional(),
  /** Objects and fields of the default access profile the org lacks: left out, and said (review.notInOrg). */
  notInOrg: z.array(z.string()).optional(),
  /** The same plan in English sentences (CLI, logs); the renderer words it from the fields above. */
  summary: z.array(z.string()),
  /** Reconnect and Recreate: why nothing smaller works, or which smaller run would do. */
  whyRebuild: z.enum(rebuildReasons).optional(),
  /** Builds only: what the agent will see of each object with the planned access (reads only). */
  visibility: z.array(plannedVisibilitySchema).optional(),
  /** The org's app or permission set of this agent names another install as owner: the run refuses unless it takes over. */
  ownedElsewhere: z.boolean().optional(),
});
export type RunPlan = z.infer<typeof runPlanSchema>;
