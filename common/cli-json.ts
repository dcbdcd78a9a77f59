import { z } from 'zod';
import { errorActions } from './app-error';
import { accessProfileSchema } from './domain/access-profile';
import { authStatusSchema } from './domain/auth';
import { connectionStateSchema, connectionStatuses, preflightReportSchema } from './domain/connection';
import { watchCheckSchema } from './domain/overview';
import { runPlanSchema } from './domain/plan';
import { environments, orgProfileSchema } from './domain/settings';
import { signInAppPlanSchema, signInAppSchema } from './domain/sign-in-app';

/**
 * What `agent-connections <command> --json` prints on stdout, in the Salesforce CLI's envelope: one
 * JSON document whatever the outcome. `status` is the exit code. A command that ran prints its
 * `result` (status 1 when the outcome is not the one asked for, e.g. a connection in error); one
 * that could not run prints the error: `name` (our error code, or USAGE_ERROR), `message` (what
 * the admin reads), `exitCode` and `action` (what fixes it, where one does).
 */
export const cliExitCodes = {
  success: 0,
  failure: 1,
  usage: 2,
  /** Ctrl+C during a run (128 + SIGINT), whatever the run left behind. */
  interrupted: 130,
} as const;

const warnings = z.array(z.string());

export function cliSuccessSchema<T extends z.ZodType>(result: T) {
  return z.object({ status: z.number().int(), result, warnings }).strict();
}

export const cliErrorSchema = z
  .object({
    status: z.number().int().min(1),
    name: z.string().min(1),
    message: z.string().min(1),
    exitCode: z.number().int().min(1),
    action: z.enum(errorActions).nullable(),
    warnings,
  })
  .strict()
  .refine((e) => e.status === e.exitCode, { message: 'status is the exit code' });
export type CliError = z.infer<typeof cliErrorSchema>;

const savedFile = z.object({ path: z.string() }).strict();
/** A refusal `--dry-run` predicts: what the run would answer (CONNECTION_OWNED_ELSEWHERE, PREFLIGHT_FAILED). */
export const predictedRefusalSchema = z.object({ code: z.string(), message: z.string(), action: z.enum(errorActions).optional() }).strict();
const dryRunPlan = z.object({ dryRun: z.literal(true), plan: runPlanSchema, refusals: z.array(predictedRefusalSchema) }).strict();
const runOutcome = z.union([connectionStateSchema, dryRunPlan]);

/** One org as `status --all --json` lists it. */
export const orgStatusLineSchema = z
  .object({
    profile: z.string(),
    orgId: z.string().nullable(),
    environment: z.enum(environments),
    status: z.enum(connectionStatuses),
    lastCheckedAt: z.string().nullable(),
    certificateExpiresAt: z.string().optional(),
    error: z.object({ code: z.string(), message: z.string(), action: z.enum(errorActions).optional() }).optional(),
  })
  .strict();
export type OrgStatusLine = z.infer<typeof orgStatusLineSchema>;

export const visibilityJsonSchema = z.object({
  objects: z.array(
    z.object({
      object: z.string(),
      agentCanSee: z.number().int().nullable(),
      adminCanSee: z.number().int().nullable(),
      reason: z.string(),
      fix: z.string(),
    }),
  ),
});

/** `sign-in-app show`, and `remove` after it: which client the profile signs in with now. */
const profileClient = z
  .object({ profile: z.string(), clientId: z.string(), callbackPort: z.number().int(), signInApp: signInAppSchema.nullable() })
  .strict();
const signInAppResult = z.union([
  profileClient,
  z.object({ signInApp: signInAppSchema }).strict(),
  z.object({ dryRun: z.literal(true), plan: signInAppPlanSchema }).strict(),
]);

/** `watch schedule|unschedule|run --json`: what was (or, with --dry-run, would be) installed, removed, or checked. */
export const watchJsonSchema = z.union([
  z
    .object({
      action: z.enum(['schedule', 'unschedule']),
      dryRun: z.boolean(),
      scheduler: z.string(),
      everyHours: z.number().int().optional(),
      files: z.array(z.string()),
      commands: z.array(z.array(z.string())),
    })
    .strict(),
  z.object({ action: z.literal('run'), checks: z.array(watchCheckSchema), alerts: z.array(z.string()) }).strict(),
]);

/** Each command's `result`, by command name. */
export const cliResultSchemas = {
  login: z.object({ profile: z.string(), orgId: z.string(), orgName: z.string(), username: z.string() }).strict(),
  logout: z.object({ wasSignedIn: z.boolean() }).strict(),
  whoami: z.intersection(authStatusSchema, z.object({ profileName: z.string().nullable() })),
  enable: z.union([connectionStateSchema, dryRunPlan.extend({ preflight: preflightReportSchema }).strict()]),
  status: z.union([connectionStateSchema, z.object({ orgs: z.array(orgStatusLineSchema) }).strict()]),
  disable: runOutcome,
  reconnect: runOutcome,
  repair: runOutcome,
  recreate: runOutcome,
  'update-access': runOutcome,
  resume: runOutcome,
  rollback: runOutcome,
  export: savedFile,
  'export-credentials': savedFile,
  access: z.union([accessProfileSchema, z.object({ changed: z.boolean(), accessProfile: accessProfileSchema }).strict()]),
  profiles: z.array(orgProfileSchema.extend({ loginUrl: z.string(), active: z.boolean() })),
  version: z.object({ version: z.string() }).strict(),
  audit: z.union([z.object({ format: z.enum(['json', 'csv']), content: z.string() }).strict(), savedFile]),
  'agent-token': z.object({ accessToken: z.string().min(1) }).strict(),
  visibility: visibilityJsonSchema,
  'rotate-key': connectionStateSchema,
  'org-change': connectionStateSchema,
  'sign-in-app': signInAppResult,
  completion: z.object({ shell: z.enum(['bash', 'zsh', 'fish']), script: z.string() }).strict(),
  watch: watchJsonSchema,
} satisfies Record<string, z.ZodType>;
export type CliCommandName = keyof typeof cliResultSchemas;

/** The whole document a command prints with --json: its result envelope, or the error one. */
export function cliOutputSchema(command: CliCommandName) {
  return z.union([cliSuccessSchema(cliResultSchemas[command]), cliErrorSchema]);
}
