import { signInRefusalErrors, type OrgProfile, type SignInRefusalError } from '../../common';
import { redirectUriOf } from './sign-in-flow';

/**
 * What each `error` value on Salesforce's own error page (RemoteAccessErrorPage.apexp) means and how
 * to fix it (fact AUTHORIZE-ERROR-PAGE). Salesforce shows that page instead of calling the app back,
 * so the app can only say what to look for; the renderer has the same texts as `signIn.refusals.<error>`.
 */
function refusalText(error: SignInRefusalError, profile: Pick<OrgProfile, 'callbackPort' | 'clientId'>): string {
  switch (error) {
    case 'invalid_client':
      return `"app must be installed into org": the sign-in client (${profile.clientId}) is not allowed in this org. The Salesforce CLI's client needs "Approve Uninstalled Connected Apps" or "Use Any API Client", and API Access Control blocks it. Ask for one of those permissions, or use an external client app of your own (Settings > the org profile > "Your own external client app").`;
    case 'OAUTH_APP_BLOCKED':
      return `"this app is blocked by admin": an admin blocked the sign-in client (${profile.clientId}). Unblock it in Setup > Connected Apps OAuth Usage, or use an external client app of your own.`;
    case 'OAUTH_APP_ACCESS_DENIED':
      return '"user is not admin approved to access this app": the sign-in client lets only admin-approved users in. Add your profile or one of your permission sets to its policies, or sign in as a user it approves.';
    case 'redirect_uri_mismatch':
      return `"redirect_uri must match configuration": the sign-in client's callback URLs lack ${redirectUriOf(profile)} exactly. Add it to the client's callback URLs, or set the org profile's callback port to the one the client lists.`;
  }
}

/** The CLI's words while it waits: when it stops, and what an error page in the browser means. */
export function signInWaitingText(profile: Pick<OrgProfile, 'callbackPort' | 'clientId'>, expiresAt: Date, now: Date): string[] {
  const minutes = Math.max(1, Math.round((expiresAt.getTime() - now.getTime()) / 60_000));
  return [
    `Waiting for the sign-in for up to ${minutes} minute${minutes === 1 ? '' : 's'}, then it stops by itself (Ctrl+C to cancel).`,
    'If the browser shows a Salesforce error page instead (its address has RemoteAccessErrorPage.apexp?error=...), Salesforce refused the sign-in there and never tells this app. By its error value:',
    ...signInRefusalErrors.map((error) => `  error=${error}: ${refusalText(error, profile)}`),
  ];
}
