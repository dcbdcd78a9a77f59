import { Connection, OAuth2 } from 'jsforce';
import type { OrgProfile } from '../../common';
import { AppFailure } from '../../common/app-error-schema';
import type { IssuedFor } from './session-binding';
import { ADMIN_API_VERSION } from './admin-identity';
import { redirectUriOf } from './sign-in-flow';
import { isRejectedGrant, parseTokenResponse } from './tokens';

export interface AdminConnectionOptions {
  profile: OrgProfile;
  /** Where the session was issued: the refresh token goes there, never to what the profile says later. */
  issuedFor: IssuedFor;
  /** Throws when the session may no longer be used (the profile changed, the host policy refuses it); checked before every refresh. */
  guard(): void;
  instanceUrl: string;
  accessToken: string;
  refreshToken?: string;
  /** A fresh access token after jsforce refreshed on INVALID_SESSION_ID. */
  onAccessToken(accessToken: string): void;
  /** Salesforce refused the refresh token (revoked, expired) or there is none: sign in again. */
  onSessionRejected(): void;
}

/**
 * The long-lived connection every service acts through. Its OAuth2 has no PKCE verifier (jsforce
 * would append it to refresh requests); refreshing goes through our refresh function so a refused
 * refresh token is noticed and turns the status into "Sign in again".
 */
export function createAdminConnection(options: AdminConnectionOptions): Connection {
  const { profile, refreshToken, issuedFor } = options;
  const oauth2 = new OAuth2({ loginUrl: issuedFor.loginUrl, clientId: issuedFor.clientId, redirectUri: redirectUriOf(profile) });
  const connection = new Connection({
    oauth2,
    instanceUrl: options.instanceUrl,
    accessToken: options.accessToken,
    version: ADMIN_API_VERSION,
    refreshFn: (_conn, callback) => {
      Promise.resolve()
        .then(() => options.guard())
        .then(() => refreshAccessToken(oauth2, refreshToken))
        .then(
          (accessToken) => {
            callback(undefined, accessToken);
          },
          (thrown: unknown) => {
            // A refused guard ends the session as a refused refresh does: nothing was sent anywhere.
            if (!refreshToken || isRejectedGrant(thrown) || thrown instanceof AppFailure) options.onSessionRejected();
            callback(thrown instanceof Error ? thrown : new Error('The session could not be refreshed.'));
          },
        );
    },
  });
  if (refreshToken) connection.refreshToken = refreshToken;
  connection.on('refresh', (accessToken: unknown) => {
    if (typeof accessToken === 'string') options.onAccessToken(accessToken);
  });
  return connection;
}

async function refreshAccessToken(oauth2: OAuth2, refreshToken: string | undefined): Promise<string> {
  if (!refreshToken) throw new Error('The session ended and there is no refresh token to renew it.');
  return parseTokenResponse(await oauth2.refreshToken(refreshToken)).accessToken;
}
