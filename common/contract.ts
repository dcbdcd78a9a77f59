import { z } from 'zod';
import type { AppError } from './app-error-schema';
import type { EventName, OperationName } from './contract-names';
import { appInfoSchema, connectorSchema } from './domain/connectors';
import { orgProfileInputSchema, orgProfileSchema, settingsSchema, settingsUpdateSchema } from './domain/settings';
import { authStatusSchema, signInStartedSchema } from './domain/auth';
import { accessProfileSchema, describedFieldSchema, describedObjectSchema } from './domain/access-profile';
import {
  connectionStateSchema,
  healthReportSchema,
  preflightReportSchema,
  rebuildPlanSchema,
  runProgressSchema,
} from './domain/connection';
import { auditEntrySchema, exportFormats, savedFileSchema } from './domain/activity';
import { sampleInputSchema, visibilityReportSchema, visibilitySampleSchema } from './domain/visibility';
import { enableInputSchema } from './domain/user-defaults';
import { connectionsOverviewSchema, healthNoticeSchema } from './domain/overview';
import { confirmedPlanInputSchema, plannedRunKinds, runPlanSchema } from './domain/plan';
import { signInAppPlanInputSchema, signInAppPlanSchema, signInAppSchema } from './domain/sign-in-app';

const none = z.object({}).strict();
const id = z.object({ id: z.string().min(1).max(64) }).strict();
/** handOver: the admin takes the connection over from the admin who turned it on (NOT_CONNECTION_OWNER). */
const handOverInput = { handOver: z.boolean().optional() };
const takeOverInput = { takeOver: z.boolean().optional(), ...handOverInput };

/**
 * The one table every transport derives from: preload (IPC), browser mode (HTTP + WebSocket), the
 * renderer's API seam and the tests. Adding an operation is one entry here and one handler in main.
 */
export const operations = {
  'app.info': { input: none, output: appInfoSchema },
  'connectors.list': { input: none, output: z.array(connectorSchema) },

  'settings.get': { input: none, output: settingsSchema },
  'settings.update': { input: settingsUpdateSchema, output: settingsSchema },
  'profiles.save': { input: orgProfileInputSchema, output: orgProfileSchema },
  'profiles.remove': { input: id, output: settingsSchema },
  'profiles.activate': { input: id, output: settingsSchema },

  'auth.status': { input: none, output: authStatusSchema },
  'auth.signIn': { input: z.object({ profileId: z.string().min(1).max(64).optional() }).strict(), output: signInStartedSchema },
  'auth.cancel': { input: none, output: authStatusSchema },
  'auth.signOut': { input: none, output: authStatusSchema },

  'agent.accessProfile.get': { input: none, output: accessProfileSchema },
  'agent.accessProfile.update': { input: accessProfileSchema.strict(), output: connectionStateSchema },
  'org.describeObjects': { input: none, output: z.array(describedObjectSchema) },
  'org.describeObject': {
    input: z.object({ name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/) }).strict(),
    /** objectPermissions false: the org takes no object permission for it (activities); only fields are granted. */
    output: z.object({ name: z.string(), label: z.string(), fields: z.array(describedFieldSchema), objectPermissions: z.boolean() }),
  },

  'connection.state': { input: none, output: connectionStateSchema },
  'connection.preflight': { input: none, output: preflightReportSchema },
  /** What a run would change, read from the org now; nothing is written (the review shows it). */
  'connection.plan': { input: z.object({ kind: z.enum(plannedRunKinds) }).strict(), output: runPlanSchema },
  /**
   * Each run starts and returns at once; progress and the end arrive as events. Every run needs the id
   * of the plan the admin confirmed (PLAN_REQUIRED / PLAN_STALE otherwise). takeOver: replace a
   * connection another install manages (CONNECTION_OWNED_ELSEWHERE), once the admin confirmed.
   */
  'connection.enable': {
    input: enableInputSchema.extend(confirmedPlanInputSchema.shape).extend(takeOverInput),
    output: connectionStateSchema,
  },
  'connection.disable': { input: confirmedPlanInputSchema, output: connectionStateSchema },
  'connection.reconnect': { input: confirmedPlanInputSchema.extend(takeOverInput), output: connectionStateSchema },
  'connection.recreate': { input: confirmedPlanInputSchema, output: connectionStateSchema },
  /** removeHandAdded: also remove the grants someone added by hand (drift.handAdded), which the admin ticked. */
  'connection.updateAccess': {
    input: confirmedPlanInputSchema.extend({ removeHandAdded: z.boolean().optional() }),
    output: connectionStateSchema,
  },
  /** A new key pair whose certificate replaces the app's; the old key stops working then (fact CERTIFICATE-ROTATION). */
  'connection.rotateKey': { input: confirmedPlanInputSchema.extend(handOverInput), output: connectionStateSchema },
  /**
   * The smallest fix of what the last check found changed in the org: reactivates the integration user
   * (its licence comes back with it), re-adds its licence, assignment and removed grants; the app, its
   * consumer key and the certificate stay, so the agent's exported credentials keep working.
   */
  'connection.repair': { input: confirmedPlanInputSchema, output: connectionStateSchema },
  /** Adopts the agent's setup carried over into this org (a sandbox refresh) and rotates its key. */
  'connection.adopt': { input: confirmedPlanInputSchema.extend(handOverInput), output: connectionStateSchema },
  /** The profile now belongs to the org it signs in to (nothing was carried over). */
  'connection.acceptOrgChange': { input: none, output: connectionStateSchema },
  /** A refreshed sandbox without the agent's app (orgChange.rebuild): what Rebuild here would change; no writes. */
  'connection.rebuildPlan': { input: none, output: rebuildPlanSchema },
  /** Recreates the app with the earlier certificate and, where the org allows, consumer key (the rebuild plan's id). */
  'connection.rebuildHere': { input: confirmedPlanInputSchema, output: connectionStateSchema },
  'connection.resume': { input: confirmedPlanInputSchema, output: connectionStateSchema },
  'connection.rollback': { input: confirmedPlanInputSchema, output: connectionStateSchema },
  /** Stops the live run; it rolls back what it created (or stays resumable) and ends as an event. */
  'connection.cancel': { input: none, output: connectionStateSchema },
  'connection.check': { input: none, output: healthReportSchema },
  'connection.export': { input: z.object({ format: z.enum(exportFormats) }).strict(), output: savedFileSchema },
  'connection.exportCredentials': {
    input: z.object({ passphrase: z.string().min(12).max(1024), ...handOverInput }).strict(),
    output: savedFileSchema,
  },
  'connection.openInSetup': {
    input: z.object({ artifact: z.enum(['app', 'user', 'permissionSet']) }).strict(),
    output: z.object({ opened: z.boolean(), url: z.string() }),
  },
  /** What the agent sees of each object in its access, counted with its own token (fact OWD-SOURCES). */
  'connection.visibility': { input: none, output: visibilityReportSchema },
  /** Up to 3 records read as the agent, on request: shown, never stored, logged or exported. */
  'connection.sample': { input: sampleInputSchema, output: visibilitySampleSchema },
  /** Every org profile with its connection's status, last check and certificate expiry; reads no org. */
  'connection.overview': { input: none, output: connectionsOverviewSchema },

  'audit.list': {
    input: z.object({ orgId: z.string().optional(), operation: z.string().optional() }).strict(),
    output: z.array(auditEntrySchema),
  },
  'audit.export': { input: z.object({ format: z.enum(['json', 'csv']) }).strict(), output: savedFileSchema },

  /** Which client the active profile signs in with, and the org's own sign-in app when it has one. */
  'signInApp.show': {
    input: none,
    output: z.object({
      profileId: z.string(),
      clientId: z.string(),
      callbackPort: z.number().int(),
      signInApp: signInAppSchema.nullable(),
    }),
  },
  /** What creating or removing the sign-in app would change, read from the org; nothing is written. */
  'signInApp.plan': { input: signInAppPlanInputSchema, output: signInAppPlanSchema },
  /** Makes what the confirmed plan showed; the profile then signs in with the app (a fresh sign-in). */
  'signInApp.create': { input: confirmedPlanInputSchema, output: signInAppSchema },
  /** Deletes the sign-in app and its permission set (never part of Turn off); the profile uses the default client again. */
  'signInApp.remove': { input: confirmedPlanInputSchema, output: orgProfileSchema },
} as const satisfies Record<OperationName, { input: z.ZodType; output: z.ZodType }>;

export type OperationInput<N extends OperationName> = z.input<(typeof operations)[N]['input']>;
export type ParsedInput<N extends OperationName> = z.output<(typeof operations)[N]['input']>;
export type OperationOutput<N extends OperationName> = z.output<(typeof operations)[N]['output']>;

/** What main pushes without being asked. */
export const events = {
  'auth.changed': authStatusSchema,
  'connection.changed': connectionStateSchema,
  'connection.progress': runProgressSchema,
  'settings.changed': settingsSchema,
  /** A scheduled check changed an org's state; browser mode shows it as a banner. */
  'health.notice': healthNoticeSchema,
} as const satisfies Record<EventName, z.ZodType>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** A call's result on every transport: errors are values, never thrown stack traces. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** The API the renderer sees, identical whether it came from preload or from browser mode. */
export type AgentConnectionsApi = {
  [N in OperationName]: (input: OperationInput<N>) => Promise<OperationOutput<N>>;
} & {
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
};

/** What main implements once; IPC, browser mode, the CLI and tests all call it. */
export type Handlers = {
  [N in OperationName]: (input: ParsedInput<N>) => Promise<OperationOutput<N>>;
};
