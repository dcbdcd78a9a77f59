import { z } from 'zod';
import { userDefaultsSchema } from './user-defaults';
import { coexistingConnectionSchema, userFieldInputSchema } from './org-setup';
import { appErrorSchema } from '../app-error-schema';
import { environments } from './settings';

/** The teardown steps, in the order Disable runs them. */
export const removalStepIds = ['removeApp', 'removeAssignment', 'removeLicence', 'deactivateUser', 'removePermissionSet'] as const;
export type RemovalStepId = (typeof removalStepIds)[number];

/** The steps of Enable, in the order it runs them. */
export const enableStepIds = [
  'preflight',
  'permissionSet',
  'accessGrants',
  'integrationUser',
  'licence',
  'assignment',
  'keyPair',
  'app',
  'activation',
  'verification',
] as const;

/** Rotate key's own step: the new certificate replaces the one on the app (fact CERTIFICATE-ROTATION). */
export const rotationStepIds = ['replaceCertificate'] as const;

/** Every step the UI lists: Enable's, then the teardown's, then Rotate key's own. */
export const stepIds = [...enableStepIds, ...removalStepIds, ...rotationStepIds] as const;
export type StepId = (typeof stepIds)[number];

export const stepStates = ['pending', 'running', 'done', 'failed', 'skipped', 'undone'] as const;

export const runKinds = [
  'enable',
  'disable',
  'reconnect',
  'recreate',
  'updateAccess',
  'rotateKey',
  'repair',
  'resume',
  'rollback',
] as const;
export type RunKind = (typeof runKinds)[number];

/** Notes a step can carry; the renderer shows `progress.notes.<key>` in the admin's language. */
export const stepNoteKeys = ['reusedPermissionSet', 'reusedUser', 'reactivatedUser', 'usernameTaken', 'replacedApp', 'notOurs'] as const;
export type StepNoteKey = (typeof stepNoteKeys)[number];

export const stepProgressSchema = z.object({
  id: z.enum(stepIds),
  state: z.enum(stepStates),
  startedAt: z.string().optional(),
  finishedAt: z.string().optional(),
  /** Short admin-readable note in English, e.g. "Reused the integration user from an earlier connection". */
  note: z.string().optional(),
  noteKey: z.enum(stepNoteKeys).optional(),
});
export type StepProgress = z.infer<typeof stepProgressSchema>;

export const activationProgressSchema = z.object({
  attempt: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  deadlineAt: z.string(),
  /** When the app was created: Salesforce's propagation clock starts there, not when this wait did. */
  waitingSince: z.string(),
});
export type ActivationProgress = z.infer<typeof activationProgressSchema>;

export const runProgressSchema = z.object({
  kind: z.enum(runKinds),
  startedAt: z.string(),
  steps: z.array(stepProgressSchema),
  activation: activationProgressSchema.optional(),
});
export type RunProgress = z.infer<typeof runProgressSchema>;

/** What a check found, as the renderer's catalog key `preflight.checks.<key>`. */
export const preflightFindings = [
  'adminRightsOk',
  'adminRightsMissing',
  'licencesFree',
  'licencesNone',
  'licencesUsedUp',
  'apiPslOk',
  'apiPslMissing',
  'externalClientAppsOk',
  'externalClientAppsUnavailable',
  'permissionSetNameTaken',
  'appNameTaken',
  'leftoversFound',
  'leftoversNone',
  'describeOk',
  'describeMissing',
  'describeSkipped',
  'userFieldsNone',
  'userFieldsNeeded',
  'userFieldsMissing',
  'validationRule',
  'validationRulesUnreadable',
  'apiPslUsedUp',
  'coexistingConnection',
] as const;
/** How to fix a failed check, as the catalog key `preflight.fixes.<key>`. */
export const preflightFixes = [
  'adminRights',
  'licencesNone',
  'licencesUsedUp',
  'externalClientApps',
  'permissionSetNameTaken',
  'appNameTaken',
  'describe',
  'userFields',
  'validationRule',
  'validationRulesUnreadable',
  'apiPslUsedUp',
  'coexistingConnection',
] as const;

export const preflightCheckSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  severity: z.enum(['blocker', 'warning', 'info']),
  /** In English (CLI, logs); the renderer shows `finding` with `params` in the admin's language. */
  message: z.string(),
  fix: z.string().optional(),
  finding: z.enum(preflightFindings).optional(),
  fixKey: z.enum(preflightFixes).optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type PreflightCheck = z.infer<typeof preflightCheckSchema>;

export const preflightReportSchema = z.object({
  ok: z.boolean(),
  checks: z.array(preflightCheckSchema),
  /** What the integration user will get unless the admin changes it (fact USER-DEFAULTS). */
  userDefaults: userDefaultsSchema.optional(),
  /** User fields the org's own setup asks a value for (facts USER-REQUIRED-FIELDS, USER-VALIDATION-RULES). */
  userFields: z.array(userFieldInputSchema).optional(),
  /** Microsoft's own Sales agent connection, where the org has one (fact MICROSOFT-SALES-AGENT-CONNECTION). */
  coexisting: coexistingConnectionSchema.optional(),
});
export type PreflightReport = z.infer<typeof preflightReportSchema>;

/** The three permissions the app grants on an object or field (a grant, and each side of a planned change). */
export const permissionFlagsSchema = z.object({ read: z.boolean(), edit: z.boolean(), viewAllRecords: z.boolean() });
export type PermissionFlags = z.infer<typeof permissionFlagsSchema>;

export const grantSchema = z.object({
  object: z.string(),
  field: z.string().nullable(),
  ...permissionFlagsSchema.shape,
  /** false for fields readable through object access alone (not permissionable). */
  viaFieldPermission: z.boolean(),
  /**
   * true for objects the org takes no ObjectPermissions for (activities, fact ACTIVITY-OBJECT-PERMISSIONS):
   * their records are reached through the records they belong to, and only their fields are granted.
   */
  throughParentRecords: z.boolean().optional(),
});
export type Grant = z.infer<typeof grantSchema>;

/** How close the agent's certificate is to its end: warned 30 and 7 days ahead. */
export const certificateWarnings = ['none', 'within30Days', 'within7Days', 'expired'] as const;
export const certificateExpirySchema = z.object({
  notAfter: z.string(),
  /** Whole days left, 0 on the last day, negative once past. */
  daysLeft: z.number().int(),
  warning: z.enum(certificateWarnings),
  /** When Rotate key last replaced the certificate: the moment the previous key stopped working. */
  rotatedAt: z.string().optional(),
  /** The certificate's SHA-256 fingerprint (AB:CD:…), as the credentials file carries it. */
  fingerprint: z.string().optional(),
});
export type CertificateExpiry = z.infer<typeof certificateExpirySchema>;

export const connectionDetailsSchema = z.object({
  org: z.object({
    id: z.string(),
    name: z.string(),
    environment: z.enum(environments),
    myDomainUrl: z.string(),
    /** The `aud` the agent's JWT carries (fact JWT-AUDIENCE). */
    audience: z.string(),
  }),
  app: z.object({
    /** The External Client App's Salesforce id, once an export or a check has read it. */
    id: z.string().optional(),
    label: z.string(),
    apiName: z.string(),
    consumerKey: z.string(),
    createdAt: z.string(),
    setupUrl: z.string(),
  }),
  user: z.object({
    id: z.string(),
    name: z.string(),
    username: z.string(),
    active: z.boolean(),
    licence: z.string(),
    profile: z.string(),
    setupUrl: z.string(),
  }),
  permissionSet: z.object({
    id: z.string(),
    label: z.string(),
    apiName: z.string(),
    setupUrl: z.string(),
  }),
  grants: z.array(grantSchema),
  createdBy: z.string(),
  createdAt: z.string(),
  lastVerifiedAt: z.string().nullable(),
  /** When the org was last checked (by the admin or on the schedule). */
  lastCheckedAt: z.string().optional(),
  /** The agent's certificate; absent for a record whose certificate the app cannot read. */
  certificate: certificateExpirySchema.optional(),
  /** Objects and fields of the default access profile this org lacks: the agent does not read them. */
  notInOrg: z.array(z.string()).optional(),
});
export type ConnectionDetails = z.infer<typeof connectionDetailsSchema>;

export const grantPermissions = ['read', 'edit', 'viewAllRecords'] as const;
export type GrantPermission = (typeof grantPermissions)[number];
/** One permission on an object (`Account`) or field (`Account.Phone`); `read` stands for the whole row. */
export const grantMarkSchema = z.object({ name: z.string(), permission: z.enum(grantPermissions) });
export type GrantMark = z.infer<typeof grantMarkSchema>;

export const driftSchema = z.object({
  /** `Object.Field` the agent reads that the permission set does not grant. */
  missingFields: z.array(z.string()),
  missingObjects: z.array(z.string()),
  /** Components that are gone or altered in the org (app, user, permission set, assignment...). */
  brokenArtifacts: z.array(z.string()),
  /** Every grant on the permission set beyond the desired state (`narrowed` and `handAdded` together), as names. */
  extraGrants: z.array(z.string()),
  /** Granted earlier by this app, since taken out of the agent's access: Update access removes them. */
  narrowed: z.array(grantMarkSchema).optional(),
  /** On the permission set though this app never granted them: removed only when the admin confirms. */
  handAdded: z.array(grantMarkSchema).optional(),
  /** Edit and View All Records that Update access would add: called out, never hidden in a field list. */
  escalations: z.array(grantMarkSchema).optional(),
});
export type Drift = z.infer<typeof driftSchema>;

/** waiting: everything is created and kept, Salesforce has not yet accepted the agent (fact ACTIVATION-PROPAGATION). */
export const connectionStatuses = ['off', 'running', 'connected', 'drift', 'error', 'interrupted', 'waiting'] as const;
export type ConnectionStatus = (typeof connectionStatuses)[number];

/** What remains in an org whose id is not the one the profile signed in to before (fact SANDBOX-REFRESH). */
export const carriedOverArtifacts = ['app', 'permissionSet', 'integrationUser'] as const;
export type CarriedOver = (typeof carriedOverArtifacts)[number];
export const orgChangeSchema = z.object({
  previousOrgId: z.string(),
  /** The earlier org's name as the app last knew it; null when this install never connected there. */
  previousOrgName: z.string().nullable(),
  orgId: z.string(),
  orgName: z.string(),
  /** Our artifacts found in this org (by their marker) although this install has no record for it. */
  carriedOver: z.array(z.enum(carriedOverArtifacts)),
  /**
   * The agent's app is missing here (local External Client Apps are not copied, fact SANDBOX-REFRESH)
   * while this computer holds the earlier org's key: a reviewed rebuild here recreates the app with
   * that certificate and asks for this consumer key, so exported credentials can keep working.
   */
  rebuild: z.object({ consumerKey: z.string(), username: z.string().optional() }).optional(),
});
export type OrgChange = z.infer<typeof orgChangeSchema>;

/**
 * A check that could not reach a verdict: Salesforce did not answer or is limiting the org now
 * (transient: it tries again), or this computer lacks the agent's key (local). The connection's last
 * real verdict stands; this note is the checking computer's own and is never written to the shared state.
 */
export const checkProblemKinds = ['transient', 'local'] as const;
export const checkProblemSchema = z.object({
  kind: z.enum(checkProblemKinds),
  checkedAt: z.string(),
  error: appErrorSchema,
});
export type CheckProblem = z.infer<typeof checkProblemSchema>;

/** The review of a rebuild here (orgChange.rebuild): what it would change, in words; its id starts the run. */
export const rebuildPlanSchema = z.object({ id: z.string(), orgId: z.string(), expiresAt: z.string(), summary: z.array(z.string()) });
export type RebuildPlan = z.infer<typeof rebuildPlanSchema>;
/** Why the agent's credentials file stopped working: a new app (new consumer key) or a new certificate on the same app. */
export const handOverReasons = ['newApp', 'newCertificate'] as const;
export type HandOverReason = (typeof handOverReasons)[number];
/**
 * New credentials the agent has not been given yet: set when a run changes the consumer key or the
 * certificate, cleared only by exporting the credentials again.
 */
export const handOverSchema = z.object({
  /** When the credentials changed: the file the agent holds stopped working then. */
  since: z.string(),
  reason: z.enum(handOverReasons),
  /** When credentials were last exported (for the earlier app or certificate); absent when never. */
  lastExportedAt: z.string().optional(),
});
export type HandOver = z.infer<typeof handOverSchema>;

export const connectionStateSchema = z.object({
  status: z.enum(connectionStatuses),
  orgId: z.string().nullable(),
  run: runProgressSchema.optional(),
  details: connectionDetailsSchema.optional(),
  drift: driftSchema.optional(),
  preflight: preflightReportSchema.optional(),
  error: appErrorSchema.optional(),
  /** Set while status is 'waiting': since = the app's creation, until = when the last wait ended. */
  waiting: z.object({ since: z.string(), until: z.string() }).optional(),
  /** Things teardown could not remove, reported to the admin rather than silently forgotten. */
  leftovers: z.array(z.string()).optional(),
  /** The profile now signs in to another org than before (a sandbox refresh): adopt or remove, never silently. */
  orgChange: orgChangeSchema.optional(),
  checkProblem: checkProblemSchema.optional(),
  /** The agent still holds credentials of an earlier app or certificate: export them again. */
  handOver: handOverSchema.optional(),
});
export type ConnectionState = z.infer<typeof connectionStateSchema>;

export const healthReportSchema = z.object({
  checkedAt: z.string(),
  status: z.enum(connectionStatuses),
  drift: driftSchema,
  agentTokenOk: z.boolean(),
  /** The check reached no verdict (status and drift are the last real ones). */
  problem: checkProblemSchema.optional(),
});
export type HealthReport = z.infer<typeof healthReportSchema>;
