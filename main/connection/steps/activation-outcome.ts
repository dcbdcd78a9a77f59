import { appError, type AppError } from '../../../common/app-error-schema';
import type { AgentTokenResult } from '../../agent/token';

type TokenFailure = Extract<AgentTokenResult, { ok: false }>;

/**
 * What a refused agent sign-in means while a new app is being activated:
 * - notYet: what Salesforce answers while the app or its pre-authorisation is still spreading
 *   (fact ACTIVATION-PROPAGATION), so waiting helps;
 * - transient: the way to Salesforce failed (no answer, 5xx, 429) or the org's API limit is reached
 *   for now (REQUEST_LIMIT_EXCEEDED), so trying again helps;
 * - refused: a final answer about the app, the user or the key; waiting 30 minutes changes nothing.
 */
export type ActivationOutcome = { kind: 'notYet' } | { kind: 'transient' } | { kind: 'refused'; error: AppError };

const NOT_YET_DESCRIPTIONS = [/hasn.t approved this consumer/i];

/** The fix for the refusals whose cause is known; any other refusal gets the general advice. */
const knownRefusals: { error: string; description?: RegExp; fix: string; action: AppError['action'] }[] = [
  {
    error: 'invalid_grant',
    description: /audience/i,
    fix: "The org rejects the sign-in's audience: check that the org profile's environment (production or sandbox) matches this org, then Reconnect.",
    action: 'reconnect',
  },
  {
    error: 'invalid_grant',
    description: /invalid assertion|signature/i,
    fix: "The app's certificate does not match the agent's key on this computer: Recreate the connection to make a new key pair.",
    action: 'recreate',
  },
  {
    error: 'invalid_grant',
    description: /expired/i,
    fix: "Salesforce thinks the agent's sign-in is out of date: check this computer's clock, then Reconnect.",
    action: 'reconnect',
  },
  {
    error: 'invalid_grant',
    description: /inactive|frozen|locked/i,
    fix: 'The integration user cannot sign in (inactive, frozen or locked): check the user in Setup, then Reconnect.',
    action: 'reconnect',
  },
  {
    error: 'invalid_app_access',
    fix: "The integration user is not pre-authorised for the app: check the app's policies (admin-approved users) and the permission set assignment, then Reconnect.",
    action: 'reconnect',
  },
  { error: 'invalid_client', fix: "Salesforce does not accept the app's credentials: Recreate the connection.", action: 'recreate' },
];

/** How long the app has existed in its current shape, and how long `app_not_found` is worth waiting out. */
export interface AppAge {
  sinceChangeMs: number;
  appNotFoundWindowMs: number;
}

/**
 * `app_not_found` "External client app is not installed in this org": answered for a while after an
 * app is created or changed (fact ACTIVATION-PROPAGATION); later, it has three causes to tell apart.
 */
export function appNotFoundError(minutes: number, names: { appLabel: string; permissionSet: string }): AppError {
  return appError(
    'AGENT_APP_NOT_FOUND',
    `Salesforce still says the agent's app is not installed in this org (app_not_found), ${minutes} minutes after it was created or changed. ` +
      `Check three things, then Reconnect: (1) the app's policies pre-authorise the integration user: Setup > External Client App Manager > ${names.appLabel} > Policies says "Admin approved users are pre-authorized" with the permission set ${names.permissionSet}, and the user holds that permission set; ` +
      "(2) the agent signs in at this org's My Domain: its token URL starts with the URL in Setup > My Domain; " +
      `(3) the agent uses this org's consumer key: it matches Setup > External Client App Manager > ${names.appLabel} > Settings > OAuth Settings > Consumer Key.`,
    { action: 'reconnect', params: { minutes, app: names.appLabel, permissionSet: names.permissionSet } },
  );
}

export function classifyActivationFailure(
  failure: TokenFailure,
  age: AppAge,
  names: { appLabel: string; permissionSet: string },
): ActivationOutcome {
  if (failure.status === 0 || failure.status === 429 || failure.status >= 500 || failure.error === 'REQUEST_LIMIT_EXCEEDED')
    return { kind: 'transient' };
  if (failure.error === 'invalid_client_id') return { kind: 'notYet' };
  if (failure.error === 'app_not_found') {
    if (age.sinceChangeMs < age.appNotFoundWindowMs) return { kind: 'notYet' };
    return { kind: 'refused', error: appNotFoundError(Math.max(1, Math.round(age.sinceChangeMs / 60_000)), names) };
  }
  if (failure.error === 'invalid_grant' && NOT_YET_DESCRIPTIONS.some((re) => re.test(failure.description))) return { kind: 'notYet' };
  const known = knownRefusals.find((r) => r.error === failure.error && (r.description?.test(failure.description) ?? true));
  const fix = known?.fix ?? 'Reconnect; if Salesforce keeps refusing, Recreate the connection.';
  return {
    kind: 'refused',
    error: appError('AGENT_SIGN_IN_REFUSED', `Salesforce refused the agent's sign-in (${failure.error}: ${failure.description}). ${fix}`, {
      action: known?.action ?? 'reconnect',
      params: { error: failure.error, description: failure.description },
    }),
  };
}
