/** OAuth endpoints served on both origins: authorize, token, revoke, userinfo and the identity URL (fact OAUTH-ENDPOINTS). */
import { handleAuthorize, REMOTE_ACCESS_ERROR_PAGE, remoteAccessErrorPage } from './authorize';
import { formBody, type Ctx } from './context';
import { handleToken } from './grants';
import { json, oauthError, text, type EmuResponse } from './http';
import type { Org } from './org';
import type { SRecord } from './store';
import { bearerToken, checkSession, identityUrl, revokeToken } from './tokens';

export function handleOAuth(ctx: Ctx): EmuResponse | undefined {
  const path = ctx.url.pathname;
  if (path === '/services/oauth2/authorize') return handleAuthorize(ctx);
  if (path === REMOTE_ACCESS_ERROR_PAGE) return remoteAccessErrorPage(ctx);
  if (path === '/services/oauth2/token') return handleToken(ctx);
  if (path === '/services/oauth2/revoke') return handleRevoke(ctx);
  if (path === '/services/oauth2/userinfo') return handleUserinfo(ctx);
  const id = /^\/id\/([a-zA-Z0-9]{15,18})\/([a-zA-Z0-9]{15,18})\/?$/.exec(path);
  if (id) return handleIdentity(ctx, id[1] ?? '', id[2] ?? '');
  return undefined;
}

function handleRevoke(ctx: Ctx): EmuResponse {
  const token = ctx.method === 'POST' ? formBody(ctx).get('token') : ctx.url.searchParams.get('token');
  if (!token || !revokeToken(ctx.org, token)) return oauthError(400, 'unsupported_token_type', 'this token type is not supported');
  return { status: 200, headers: {}, body: '' };
}

/** Identity endpoints answer bad tokens with 403 Bad_OAuth_Token (not 401, so jsforce doesn't loop). */
function sessionFromRequest(ctx: Ctx): ReturnType<typeof checkSession> {
  return checkSession(ctx.org, bearerToken(ctx.headers.authorization) ?? ctx.url.searchParams.get('oauth_token') ?? undefined);
}

function handleUserinfo(ctx: Ctx): EmuResponse {
  const session = sessionFromRequest(ctx);
  if (!session) return text(403, 'Bad_OAuth_Token');
  const u = session.principal.user;
  const org = ctx.org;
  return json(200, {
    sub: identityUrl(org, String(u.Id)),
    user_id: u.Id,
    organization_id: org.orgId,
    preferred_username: u.Username,
    nickname: u.CommunityNickname,
    name: u.Name,
    email: u.Email,
    email_verified: true,
    given_name: u.FirstName,
    family_name: u.LastName,
    zoneinfo: u.TimeZoneSidKey,
    locale: u.LocaleSidKey,
    language: u.LanguageLocaleKey,
    active: u.IsActive,
    user_type: 'STANDARD',
    urls: urls(org),
    is_app_installed: true,
    updated_at: String(u.LastModifiedDate ?? '').replace('+0000', 'Z'),
  });
}

function handleIdentity(ctx: Ctx, orgId: string, userId: string): EmuResponse {
  const session = sessionFromRequest(ctx);
  if (!session || orgId.slice(0, 15) !== ctx.org.orgId.slice(0, 15)) return text(403, 'Bad_OAuth_Token');
  const user = ctx.org.user(userId);
  if (!user) return text(404, 'Not Found');
  return json(200, identity(ctx.org, user));
}

function urls(org: Org): Record<string, string> {
  const base = org.instanceUrl;
  return {
    enterprise: `${base}/services/Soap/c/{version}/${org.orgId.slice(0, 15)}`,
    metadata: `${base}/services/Soap/m/{version}/${org.orgId.slice(0, 15)}`,
    partner: `${base}/services/Soap/u/{version}/${org.orgId.slice(0, 15)}`,
    rest: `${base}/services/data/v{version}/`,
    sobjects: `${base}/services/data/v{version}/sobjects/`,
    search: `${base}/services/data/v{version}/search/`,
    query: `${base}/services/data/v{version}/query/`,
    recent: `${base}/services/data/v{version}/recent/`,
    tooling_soap: `${base}/services/Soap/T/{version}/${org.orgId.slice(0, 15)}`,
    tooling_rest: `${base}/services/data/v{version}/tooling/`,
    profile: `${base}/`,
    custom_domain: base,
  };
}

function identity(org: Org, u: SRecord): Record<string, unknown> {
  return {
    id: identityUrl(org, String(u.Id)),
    asserted_user: true,
    user_id: u.Id,
    organization_id: org.orgId,
    username: u.Username,
    nick_name: u.CommunityNickname,
    display_name: u.Name,
    email: u.Email,
    email_verified: true,
    first_name: u.FirstName,
    last_name: u.LastName,
    timezone: u.TimeZoneSidKey,
    photos: { picture: `${org.instanceUrl}/profilephoto/005/F`, thumbnail: `${org.instanceUrl}/profilephoto/005/T` },
    addr_street: null,
    addr_city: null,
    addr_state: null,
    addr_country: null,
    addr_zip: null,
    mobile_phone: null,
    mobile_phone_verified: false,
    is_lightning_login_user: false,
    status: { created_date: null, body: null },
    urls: urls(org),
    active: u.IsActive,
    user_type: 'STANDARD',
    language: u.LanguageLocaleKey,
    locale: u.LocaleSidKey,
    utcOffset: -28800000,
    last_modified_date: u.LastModifiedDate,
    is_app_installed: true,
  };
}
