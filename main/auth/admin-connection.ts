import { Connection, OAuth2 } from 'jsforce';
import { loginUrlOf, type OrgProfile } from '../../common';
import { ADMIN_API_VERSION } from './admin-identity';
import { redirectUriOf } from './sign-in-flow';
import { isRejectedGrant, parseTokenResponse } from './tokens';

export interface AdminConnectionOptions {
  profile: OrgProfile;
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
  const { profile, refreshToken } = options;
  const oauth2 = new OAuth2({ loginUrl: loginUrlOf(profile), clientId: profile.clientId, redirectUri: redirectUriOf(profile) });
  const connection = new Connection({
    oauth2,
    instanceUrl: options.instanceUrl,
    accessToken: options.accessToken,
    version: ADMIN_API_VERSION,
    refreshFn: (_conn, callback) => {
      refreshAccessToken(oauth2, refreshToken).then(
        (accessToken) => {
          callback(undefined, accessToken);
        },
        (thrown: unknown) => {
          if (!refreshToken || isRejectedGrant(thrown)) options.onSessionRejected();
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
