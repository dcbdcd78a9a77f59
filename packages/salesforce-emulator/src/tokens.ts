/** Issuing and checking sessions: token responses (fact TOKEN-RESPONSE) and the validity rules REST/SOAP share. */
import { createHmac } from 'node:crypto';
import { newAccessToken, newRefreshToken } from './ids';
import type { AccessTokenInfo, Org } from './org';
import { principalFor, type Principal } from './security';

export interface IssueOptions {
  userId: string;
  clientId: string;
  scope: string;
  withRefresh: boolean;
  appFullName?: string;
  /** Refresh grants reuse the existing refresh token instead of minting one. */
  refreshToken?: string;
}

export interface TokenResponse {
  access_token: string;
  refresh_token?: string;
  signature: string;
  scope: string;
  instance_url: string;
  id: string;
  token_type: 'Bearer';
  issued_at: string;
}

export function identityUrl(org: Org, userId: string): string {
  return `${org.loginUrl}/id/${org.orgId}/${userId}`;
}

/** Never includes `expires_in` (fact TOKEN-RESPONSE): clients learn about expiry from a 401. */
export function issueToken(org: Org, opts: IssueOptions): TokenResponse {
  const issuedAt = org.now();
  const access: AccessTokenInfo = {
    token: newAccessToken(org.orgId),
    userId: opts.userId,
    clientId: opts.clientId,
    scope: opts.scope,
    issuedAt,
    expiresAt: issuedAt + org.config.accessTokenTtlS * 1000,
    revoked: false,
  };
  if (opts.appFullName) access.appFullName = opts.appFullName;
  let refresh = opts.refreshToken;
  if (opts.withRefresh && !refresh) {
    refresh = newRefreshToken();
    org.refreshTokens.set(refresh, {
      token: refresh,
      userId: opts.userId,
      clientId: opts.clientId,
      scope: opts.scope,
      revoked: false,
      ...(opts.appFullName ? { appFullName: opts.appFullName } : {}),
    });
  }
  if (refresh) access.refreshToken = refresh;
  org.accessTokens.set(access.token, access);
  const id = identityUrl(org, opts.userId);
  const body: TokenResponse = {
    access_token: access.token,
    signature: createHmac('sha256', org.orgId)
      .update(id + String(issuedAt))
      .digest('base64'),
    scope: opts.scope,
    instance_url: org.instanceUrl,
    id,
    token_type: 'Bearer',
    issued_at: String(issuedAt),
  };
  if (opts.withRefresh && refresh) body.refresh_token = refresh;
  return body;
}

export interface Session {
  info: AccessTokenInfo;
  principal: Principal;
}

/** A token is valid while unexpired, unrevoked, its user active and (for app tokens) its app still present. */
export function checkSession(org: Org, token: string | undefined): Session | undefined {
  if (!token) return undefined;
  const info = org.accessTokens.get(token);
  if (!info || info.revoked || info.expiresAt <= org.now()) return undefined;
  const user = org.user(info.userId);
  if (!user || user.IsActive !== true) return undefined;
  if (info.appFullName && !org.component('ExternalClientApplication', info.appFullName)) return undefined;
  const principal = principalFor(org, info.userId);
  return principal ? { info, principal } : undefined;
}

export function bearerToken(authorization: string | undefined): string | undefined {
  const m = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(authorization ?? '');
  return m?.[1]?.trim();
}

/** Revoking a refresh token revokes every access token minted from it. */
export function revokeToken(org: Org, token: string): boolean {
  const access = org.accessTokens.get(token);
  if (access) {
    access.revoked = true;
    return true;
  }
  const refresh = org.refreshTokens.get(token);
  if (!refresh) return false;
  refresh.revoked = true;
  for (const t of org.accessTokens.values()) if (t.refreshToken === token) t.revoked = true;
  return true;
}
