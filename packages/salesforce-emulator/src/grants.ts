/**
 * Token endpoint grants (facts WEB-SERVER-FLOW, TOKEN-RESPONSE, CLIENT-CREDENTIALS-HOST, JWT-BEARER-GRANT): authorization_code, refresh_token, JWT bearer and
 * client_credentials, plus the activation delay of freshly created External Client Apps.
 */
import { createHash, createPublicKey, createVerify, X509Certificate, type KeyObject } from 'node:crypto';
import { findClient } from './authorize';
import { formBody, type Ctx } from './context';
import { boolOf, ecaByConsumerKey, splitList, textOf, type EcaBundle } from './eca';
import { isRecord, json, oauthError, type EmuResponse } from './http';
import type { Org } from './org';
import { isPreAuthorized } from './client-access';
import { isApiOnly } from './security';
import { issueToken } from './tokens';
import { loginRefusal } from './login-checks';

const JWT_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

interface ClientCreds {
  clientId: string;
  clientSecret: string | undefined;
}

function clientCreds(ctx: Ctx, form: URLSearchParams): ClientCreds {
  const basic = /^Basic\s+(.+)$/i.exec(ctx.headers.authorization ?? '');
  if (basic?.[1] && ctx.org.switches.acceptBasicClientAuth) {
    const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
    return { clientId: decodeURIComponent(id ?? ''), clientSecret: secret !== undefined ? decodeURIComponent(secret) : undefined };
  }
  return { clientId: form.get('client_id') ?? '', clientSecret: form.get('client_secret') ?? undefined };
}

export function handleToken(ctx: Ctx): EmuResponse {
  if (ctx.method !== 'POST') return oauthError(400, 'invalid_request', 'must use HTTP POST');
  const form = formBody(ctx);
  const grant = form.get('grant_type') ?? '';
  switch (grant) {
    case 'authorization_code':
      return authorizationCode(ctx, form);
    case 'refresh_token':
      return refreshGrant(ctx, form);
    case JWT_GRANT:
      return jwtBearer(ctx, form);
    case 'client_credentials':
      return clientCredentials(ctx, form);
    default:
      return oauthError(400, 'unsupported_grant_type', 'grant type not supported');
  }
}

function clientError(org: Org, error: string, description: string): EmuResponse {
  return oauthError(org.switches.oauthClientErrorStatus, error, description);
}

function withRefreshScope(scope: string): boolean {
  return scope.split(/\s+/).some((s) => s === 'refresh_token' || s === 'offline_access' || s === 'full');
}

function authorizationCode(ctx: Ctx, form: URLSearchParams): EmuResponse {
  const { org } = ctx;
  const creds = clientCreds(ctx, form);
  const client = findClient(org, creds.clientId);
  if (!client) return clientError(org, 'invalid_client_id', 'client identifier invalid');
  const code = org.codes.get(form.get('code') ?? '');
  if (!code || code.used || code.clientId !== creds.clientId) return oauthError(400, 'invalid_grant', 'invalid authorization code');
  if (code.expiresAt <= org.now()) return oauthError(400, 'invalid_grant', 'expired authorization code');
  if ((form.get('redirect_uri') ?? '') !== code.redirectUri)
    return oauthError(400, 'invalid_grant', 'redirect uri does not match configuration');
  if (
    client.consumerSecret &&
    (creds.clientSecret ? creds.clientSecret !== client.consumerSecret : !client.secretOptional && !code.challenge)
  ) {
    return clientError(org, 'invalid_client', 'invalid client credentials');
  }
  if (code.challenge) {
    const verifier = form.get('code_verifier');
    if (!verifier) return oauthError(400, 'invalid_grant', 'invalid code verifier');
    const computed = createHash('sha256').update(verifier).digest('base64url');
    if (computed !== code.challenge) return oauthError(400, 'invalid_request', 'invalid code verifier');
  }
  code.used = true;
  const user = org.user(code.userId);
  if (!user || user.IsActive !== true) return oauthError(400, 'invalid_grant', 'inactive user');
  return json(
    200,
    issueToken(org, {
      userId: code.userId,
      clientId: creds.clientId,
      scope: code.scope,
      withRefresh: withRefreshScope(code.scope),
      ...(client.appFullName ? { appFullName: client.appFullName } : {}),
    }),
  );
}

function refreshGrant(ctx: Ctx, form: URLSearchParams): EmuResponse {
  const { org } = ctx;
  const creds = clientCreds(ctx, form);
  const rt = org.refreshTokens.get(form.get('refresh_token') ?? '');
  if (!rt || rt.revoked || rt.clientId !== creds.clientId) return oauthError(400, 'invalid_grant', 'expired access/refresh token');
  if (rt.appFullName && !org.component('ExternalClientApplication', rt.appFullName))
    return oauthError(400, 'invalid_grant', 'expired access/refresh token');
  const user = org.user(rt.userId);
  if (!user || user.IsActive !== true) return oauthError(400, 'invalid_grant', 'inactive user');
  return json(
    200,
    issueToken(org, {
      userId: rt.userId,
      clientId: rt.clientId,
      scope: rt.scope,
      withRefresh: false,
      refreshToken: rt.token,
      ...(rt.appFullName ? { appFullName: rt.appFullName } : {}),
    }),
  );
}

/** Fact ACTIVATION-PROPAGATION: tokens for a new app fail with `invalid_client_id` until the activation delay has passed. */
function activeApp(org: Org, consumerKey: string): EcaBundle | undefined {
  const eca = ecaByConsumerKey(org, consumerKey);
  if (!eca?.global) return undefined;
  if (org.now() < eca.global.createdAt + org.config.activationDelayMs) return undefined;
  return eca;
}

/** Answers counted per org, so `alternating` cycles through what a spreading app is answered. */
const spreadingAnswers = new WeakMap<Org, number>();

/**
 * Fact ACTIVATION-PROPAGATION, switch propagatingAnswer: what the JWT bearer grant answers while a new
 * app spreads (the activation delay): `invalid_client_id`, `app_not_found`, or, as field reports
 * describe, `app_not_found`, "user hasn't approved this consumer" and success in turn. Undefined: go on.
 */
function spreadingAnswer(org: Org, eca: EcaBundle): EmuResponse | undefined {
  if (!eca.global || org.now() >= eca.global.createdAt + org.config.activationDelayMs) return undefined;
  const answer = org.switches.propagatingAnswer;
  if (answer === 'invalidClientId') return clientError(org, 'invalid_client_id', 'client identifier invalid');
  const notInstalled = oauthError(400, 'app_not_found', 'External client app is not installed in this org');
  if (answer === 'appNotFound') return notInstalled;
  const n = spreadingAnswers.get(org) ?? 0;
  spreadingAnswers.set(org, n + 1);
  if (n % 3 === 0) return notInstalled;
  if (n % 3 === 1) return oauthError(400, 'invalid_grant', "user hasn't approved this consumer");
  return undefined;
}

/** Fact ECA-POLICIES: an app without configurable policies (none made yet, switch ecaPolicies) has no plugin enabled. */
function appDisabled(eca: EcaBundle): boolean {
  const f = eca.policies?.fields;
  return f === undefined || !boolOf(f, 'isEnabled', true) || !boolOf(f, 'isOauthPluginEnabled', true);
}

/** Runtime scope names for metadata scope tokens (`Api` -> `api`, `RefreshToken` -> `refresh_token`). */
function runtimeScopes(eca: EcaBundle): string {
  const map: Record<string, string> = {
    Api: 'api',
    RefreshToken: 'refresh_token',
    Web: 'web',
    Full: 'full',
    Basic: 'id',
    OpenID: 'openid',
    OfflineAccess: 'offline_access',
  };
  const tokens = splitList(eca.oauth ? textOf(eca.oauth.fields, 'commaSeparatedOauthScopes') : undefined);
  return tokens.map((t) => map[t] ?? t.toLowerCase()).join(' ') || 'api';
}

// ---------------- JWT bearer ----------------

interface JwtParts {
  header: Record<string, unknown>;
  claims: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

function parseJwt(assertion: string): JwtParts | undefined {
  const parts = assertion.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header: unknown = JSON.parse(Buffer.from(parts[0] ?? '', 'base64url').toString('utf8'));
    const claims: unknown = JSON.parse(Buffer.from(parts[1] ?? '', 'base64url').toString('utf8'));
    if (!isRecord(header) || !isRecord(claims)) return undefined;
    return { header, claims, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2] ?? '', 'base64url') };
  } catch {
    return undefined;
  }
}

function certificateKey(pem: string): KeyObject | undefined {
  try {
    return createPublicKey(new X509Certificate(pem).publicKey.export({ type: 'spki', format: 'pem' }));
  } catch {
    return undefined;
  }
}

/**
 * Fact JWT-AUDIENCE: the audience follows the org's type, whichever host (login or My Domain) the
 * assertion is posted to. `loose` also takes the emulator's own origins, as some clients assume.
 */
function audienceOk(org: Org, aud: unknown): boolean {
  const list = Array.isArray(aud) ? aud : [aud];
  const accepted = [org.switches.orgType === 'sandbox' ? 'https://test.salesforce.com' : 'https://login.salesforce.com'];
  if (org.switches.jwtAudience === 'loose')
    accepted.push(org.loginUrl, ...(org.switches.jwtAcceptInstanceAudience ? [org.instanceUrl] : []));
  return list.some((a) => typeof a === 'string' && accepted.includes(a.replace(/\/$/, '')));
}

function jwtBearer(ctx: Ctx, form: URLSearchParams): EmuResponse {
  const { org } = ctx;
  const jwt = parseJwt(form.get('assertion') ?? '');
  if (!jwt) return oauthError(400, 'invalid_grant', 'invalid assertion');
  const iss = typeof jwt.claims.iss === 'string' ? jwt.claims.iss : '';
  const eca = ecaByConsumerKey(org, iss);
  if (!eca?.global) return clientError(org, 'invalid_client_id', 'client identifier invalid');
  const spreading = spreadingAnswer(org, eca);
  if (spreading) return spreading;
  if (appDisabled(eca)) return oauthError(400, 'invalid_app_access', 'user is not admin approved to access this app');
  const key = certificateKey(textOf(eca.global.fields, 'certificate') ?? '');
  if (!key) return clientError(org, 'invalid_client', 'invalid client credentials');
  const valid = jwt.header.alg === 'RS256' && createVerify('RSA-SHA256').update(jwt.signingInput).verify(key, jwt.signature);
  if (!valid) return oauthError(400, 'invalid_grant', 'invalid assertion');
  if (!audienceOk(org, jwt.claims.aud)) return oauthError(400, 'invalid_grant', 'Audience validation failed');
  // exp is in seconds; sfdx-core sends milliseconds (far future), which Salesforce accepts (fact JWT-BEARER-GRANT).
  if (typeof jwt.claims.exp !== 'number' || jwt.claims.exp * 1000 <= org.now())
    return oauthError(400, 'invalid_grant', 'expired authorization code');
  const user = org.userByUsername(typeof jwt.claims.sub === 'string' ? jwt.claims.sub : '');
  const refused = user && user.IsActive === true ? loginRefusal(org, user, eca) : undefined;
  if (refused) return refused;
  if (!user || user.IsActive !== true || !isPreAuthorized(org, eca, user)) {
    return oauthError(400, 'invalid_grant', "user hasn't approved this consumer");
  }
  return json(
    200,
    issueToken(org, {
      userId: String(user.Id),
      clientId: iss,
      scope: runtimeScopes(eca),
      withRefresh: false,
      appFullName: eca.header.fullName,
    }),
  );
}

// ---------------- client credentials ----------------

function clientCredentials(ctx: Ctx, form: URLSearchParams): EmuResponse {
  const { org } = ctx;
  // Only the My Domain host serves this grant (fact CLIENT-CREDENTIALS-HOST).
  if (ctx.origin === 'login') return oauthError(400, 'invalid_grant', 'request not supported on this domain');
  const creds = clientCreds(ctx, form);
  const eca = activeApp(org, creds.clientId);
  if (!eca?.global) return clientError(org, 'invalid_client_id', 'client identifier invalid');
  if (!creds.clientSecret || creds.clientSecret !== textOf(eca.global.fields, 'consumerSecret')) {
    return clientError(org, 'invalid_client', 'invalid client credentials');
  }
  if (appDisabled(eca)) return oauthError(400, 'invalid_app_access', 'user is not admin approved to access this app');
  const policy = eca.oauthPolicies?.fields;
  const enabled =
    boolOf(eca.global.fields, 'isClientCredentialsFlowEnabled', false) &&
    policy !== undefined &&
    boolOf(policy, 'isClientCredentialsFlowEnabled', false);
  const runAs = policy ? textOf(policy, 'clientCredentialsFlowUser') : undefined;
  if (!enabled || !runAs) return oauthError(400, 'invalid_grant', 'no client credentials user enabled');
  const user = org.userByUsername(runAs);
  if (!user || user.IsActive !== true) return oauthError(400, 'invalid_grant', 'no client credentials user enabled');
  if (!isApiOnly(org, user) && org.switches.executionUserMustBeApiOnly)
    return oauthError(400, 'invalid_grant', 'no client credentials user enabled');
  return json(
    200,
    issueToken(org, {
      userId: String(user.Id),
      clientId: creds.clientId,
      scope: runtimeScopes(eca),
      withRefresh: false,
      appFullName: eca.header.fullName,
    }),
  );
}
