import { z } from 'zod';
import { appError, type AppError } from '../../../common/app-error-schema';
import { queryRows, queryUrl, soqlQuote, type OrgClient } from '../../salesforce/client';
import type { TokenFailure } from './agent-sign-in';

/** The integration user's login state as UserLogin has it (fact AGENT-SIGN-IN-REASONS). */
export interface LoginState {
  frozen: boolean;
  locked: boolean;
}

const loginRow = z.object({ IsFrozen: z.boolean().optional(), IsPasswordLocked: z.boolean().optional() }).catchall(z.unknown());

/** Read only once the agent's sign-in was refused: the check's own Composite already carries five queries. */
export async function readLoginState(client: OrgClient, userId: string): Promise<LoginState> {
  const results = await client.composite([
    {
      referenceId: 'login',
      method: 'GET',
      url: queryUrl(`SELECT Id, IsFrozen, IsPasswordLocked FROM UserLogin WHERE UserId = ${soqlQuote(userId)}`),
    },
  ]);
  const row = loginRow.parse(queryRows(results.get('login'))[0] ?? {});
  return { frozen: row.IsFrozen === true, locked: row.IsPasswordLocked === true };
}

/** What the refusal names, with where in Setup the admin fixes it. */
export interface RefusalContext {
  username: string;
  appLabel: string;
  permissionSet: string;
  setup: { user: string; app: string };
}

const said = (f: TokenFailure): string => `Salesforce: ${f.error} "${f.description}"`;

/**
 * Why Salesforce refuses the agent although every part of the connection is in place, each with
 * its fix and the Setup page for it. The token answer alone cannot tell a frozen user from a
 * deactivated one (both "inactive user"), so UserLogin decides.
 */
export function signInRefusal(failure: TokenFailure, login: LoginState, c: RefusalContext): AppError {
  const params = { error: failure.error, description: failure.description };
  if (login.frozen)
    return appError(
      'AGENT_USER_FROZEN',
      `The integration user ${c.username} is frozen in Salesforce, so the agent cannot sign in (${said(failure)}). Salesforce freezes users itself when their API traffic comes from anonymising proxies or high-risk addresses. Check where the agent runs, then unfreeze the user in Setup > Users (${c.setup.user}); the connection needs nothing else.`,
      { action: 'openSetup', params: { ...params, setupArtifact: 'user', username: c.username } },
    );
  if (login.locked)
    return appError(
      'AGENT_USER_LOCKED',
      `The integration user ${c.username} is locked out in Salesforce (${said(failure)}). Unlock it in Setup > Users (${c.setup.user}); the connection needs nothing else.`,
      { action: 'openSetup', params: { ...params, setupArtifact: 'user', username: c.username } },
    );
  if (/ip restricted/i.test(failure.description))
    return appError(
      'AGENT_IP_RESTRICTED',
      `Salesforce refuses the agent's sign-in from this address (${said(failure)}): the integration user's profile has login IP ranges that do not include it. Add the addresses the agent signs in from to the profile's Login IP Ranges (Setup > Users > ${c.username} > Profile, ${c.setup.user}).`,
      { action: 'openSetup', params: { ...params, setupArtifact: 'user', username: c.username } },
    );
  if (failure.error === 'invalid_app_access')
    return appError(
      'AGENT_APP_DISABLED',
      `The External Client App ${c.appLabel} is turned off or its OAuth plug-in disabled (${said(failure)}). Turn it on again in Setup > External Client App Manager (${c.setup.app}); the consumer key stays the same.`,
      { action: 'openSetup', params: { ...params, setupArtifact: 'app', app: c.appLabel } },
    );
  if (/hasn.t approved this consumer/i.test(failure.description))
    return appError(
      'AGENT_POLICY_CHANGED',
      `The External Client App ${c.appLabel} no longer pre-authorises the integration user (${said(failure)}): its policies were changed. In Setup > External Client App Manager > ${c.appLabel} > Policies (${c.setup.app}), set Permitted Users to "Admin approved users are pre-authorized" with the permission set ${c.permissionSet}; Reconnect rebuilds the app if that cannot be done.`,
      { action: 'openSetup', params: { ...params, setupArtifact: 'app', app: c.appLabel, permissionSet: c.permissionSet } },
    );
  return appError(
    'AGENT_SIGN_IN_REFUSED',
    `Salesforce refused the agent's sign-in (${failure.error}: ${failure.description}) although the app, the user and the permission set are all in place. Reconnect rebuilds the connection (the consumer key changes).`,
    { action: 'reconnect', params },
  );
}

/** The agent's certificate is past its end: the app refuses the key, and Rotate key replaces it in place. */
export function certificateExpired(notAfter: string): AppError {
  return appError(
    'AGENT_CERTIFICATE_EXPIRED',
    `The agent's certificate expired on ${notAfter.slice(0, 10)}, so Salesforce no longer accepts its key. Rotate key puts a new certificate on the same app: the consumer key stays, and the agent needs its new credentials.`,
    { action: 'rotateKey', params: { notAfter } },
  );
}
