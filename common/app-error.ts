/*
 * The error values every layer uses, free of zod so the renderer's first screen does not load it;
 * `app-error-schema.ts` adds the schema that validates them at the edges.
 */
/**
 * Every failure that reaches a screen, the CLI or an export is one of these codes. Screens switch on
 * `code` (never on message text); `message` is already written for an admin, in English, and the
 * renderer may replace it with its own catalog entry `errors.<code>` using `params`.
 */
export const errorCodes = [
  // contract / transport
  'INVALID_INPUT',
  'FORBIDDEN_SENDER',
  'BROWSER_SESSION_ENDED',
  'UNKNOWN_OPERATION',
  'INTERNAL',
  /** Main's own reply or event broke common/contract.ts: only checked in tests and development. */
  'CONTRACT_VIOLATION',
  // sign-in
  'NOT_SIGNED_IN',
  'SESSION_EXPIRED',
  'SIGN_IN_CANCELLED',
  'SIGN_IN_TIMEOUT',
  'SIGN_IN_FAILED',
  'SIGN_IN_IN_PROGRESS',
  'CALLBACK_PORT_IN_USE',
  'PROFILE_NOT_FOUND',
  'PROFILE_INVALID',
  'ORG_MISMATCH',
  /** The profile now signs in to another org holding artifacts of ours: adopt or remove them first. */
  'ORG_CHANGED',
  /** Rotate key: the app's consumer key was not the same after the certificate was replaced. */
  'CONSUMER_KEY_CHANGED',
  'OPEN_EXTERNAL_REFUSED',
  /** Saving would change where the profile signs in: its session ends, once the admin confirms. */
  'SESSION_ENDS_ON_SAVE',
  // Salesforce in general
  'SALESFORCE_UNREACHABLE',
  'SALESFORCE_ERROR',
  'REQUEST_LIMIT_EXCEEDED',
  'INSUFFICIENT_ADMIN_RIGHTS',
  // connection lifecycle
  'PREFLIGHT_FAILED',
  'NO_INTEGRATION_LICENCES',
  'NO_API_INTEGRATION_PSL',
  'EXTERNAL_CLIENT_APPS_UNAVAILABLE',
  'NAME_TAKEN',
  'DUPLICATE_USERNAME',
  'USER_DEFAULT_REFUSED',
  'USER_FIELDS_REQUIRED',
  'USER_VALIDATION_RULE',
  'STEP_FAILED',
  'ACTIVATION_TIMEOUT',
  'APP_NOT_REMOVED',
  'AGENT_SIGN_IN_REFUSED',
  /** The agent's credentials file was made for an app or certificate that a rebuild or Rotate key has replaced. */
  'CREDENTIALS_FROM_EARLIER_APP',
  /** `app_not_found` past the time a new or changed app takes to spread (fact ACTIVATION-PROPAGATION). */
  'AGENT_APP_NOT_FOUND',
  'VERIFICATION_FAILED',
  'CONNECTION_BROKEN',
  /** A check could not reach a verdict: Salesforce did not answer, or limits the org's API use now (it tries again). */
  'CHECK_NO_ANSWER',
  'CHECK_LIMITED',
  /** This computer does not hold the agent's private key (set up elsewhere): the org is not the problem. */
  'AGENT_KEY_NOT_HERE',
  /** Why Salesforce refuses the agent's sign-in although every part of the connection is there. */
  'AGENT_USER_FROZEN',
  'AGENT_USER_LOCKED',
  'AGENT_IP_RESTRICTED',
  'AGENT_APP_DISABLED',
  'AGENT_CERTIFICATE_EXPIRED',
  'AGENT_POLICY_CHANGED',
  'CONNECTION_DRIFT',
  'CONNECTION_OWNED_ELSEWHERE',
  'OPERATION_IN_PROGRESS',
  'NOT_CONNECTED',
  'INTERRUPTED_RUN',
  'NOTHING_TO_RESUME',
  /** Rebuild here asked for where no refreshed copy lacks the agent's app, or the earlier key is not on this computer. */
  'NOTHING_TO_REBUILD',
  'RUN_CANCELLED',
  'PLAN_REQUIRED',
  'PLAN_STALE',
  // the agent's access profile
  'ACCESS_PROFILE_REFUSED',
  // export
  'PASSPHRASE_INVALID',
  /** A document of the data directory is a symbolic link: refused, never followed. */
  'DOCUMENT_IS_LINK',
  'EXPORT_FAILED',
  'CONFIRMATION_REQUIRED',
  /** The agent's key (export, rotate, take-over) goes only to a user with the connection's admin rights. */
  'NOT_CONNECTION_ADMIN',
  /** Another admin than the one who turned the connection on: only with an explicit hand-over. */
  'NOT_CONNECTION_OWNER',
] as const;

export type ErrorCode = (typeof errorCodes)[number];

/** The next thing the admin can do about an error; the UI turns it into a button. */
export const errorActions = [
  'signIn',
  'reconnect',
  'recreate',
  'updateAccess',
  'retry',
  'resume',
  'rollback',
  'openSettings',
  /** Open the review of the plan again (PLAN_REQUIRED, PLAN_STALE). */
  'review',
  /** Replace a connection another install manages, once the admin confirms the agent's key changes. */
  'takeOver',
  /** The smallest fix: reactivate the user, re-add its licence, assignment and grants; the app and key stay. */
  'repair',
  /** A new key pair on the same app (the consumer key stays; the agent needs new credentials). */
  'rotateKey',
  /** Open the part of the connection the error names in Salesforce Setup (`params.setupArtifact`). */
  'openSetup',
  /** The admin confirms they take the connection over from the admin who turned it on. */
  'handOver',
] as const;
export type ErrorAction = (typeof errorActions)[number];

/** The shape `appErrorSchema` (app-error-schema.ts) validates; `satisfies` there keeps the two in step. */
export interface AppError {
  code: ErrorCode;
  message: string;
  action?: ErrorAction;
  params?: Record<string, string | number>;
}

/** Thrown inside main and in the renderer's API seam; crosses transports as its `AppError` value. */
export class AppFailure extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
    this.error = error;
  }
}

export function appError(
  code: ErrorCode,
  message: string,
  extra: { action?: ErrorAction; params?: Record<string, string | number> } = {},
): AppError {
  return { code, message, ...extra };
}

export function fail(
  code: ErrorCode,
  message: string,
  extra: { action?: ErrorAction; params?: Record<string, string | number> } = {},
): never {
  throw new AppFailure(appError(code, message, extra));
}

/** Anything thrown becomes an AppError; unknown failures never leak their stack or raw text. */
export function toAppError(thrown: unknown): AppError {
  if (thrown instanceof AppFailure) return thrown.error;
  return appError(
    'INTERNAL',
    'Something went wrong inside Agent Connections. Try again; if it keeps happening, export the activity log and contact support.',
  );
}
