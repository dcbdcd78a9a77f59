/**
 * Web-server flow authorize step (facts WEB-SERVER-FLOW, OAUTH-LOOPBACK-CALLBACK): login form, "Allow access" page, exact redirect_uri
 * match, PKCE (S256 semantics even without code_challenge_method), state passed back, single-use codes.
 */
import type { Ctx } from './context';
import { formBody } from './context';
import { clientRefusal } from './client-access';
import { boolOf, ecaByConsumerKey, splitList, textOf } from './eca';
import { html, parseCookies, redirect, type EmuResponse } from './http';
import { newOpaque } from './ids';
import type { Org, SignInClient } from './org';
import { consentPage, errorPage, loginPage } from './pages';
import { isApiOnly } from './security';
import { str } from './store';

export interface ResolvedClient extends SignInClient {
  appFullName?: string;
  consumerSecret?: string;
  secretOptional: boolean;
}

/** Sign-in clients first (PlatformCLI and configured ones), then External Client Apps by consumer key. */
export function findClient(org: Org, clientId: string): ResolvedClient | undefined {
  const signIn = org.signInClients.find((c) => c.clientId === clientId);
  if (signIn) return { ...signIn, secretOptional: true };
  const eca = ecaByConsumerKey(org, clientId);
  if (!eca?.global) return undefined;
  const f = eca.global.fields;
  const client: ResolvedClient = {
    clientId,
    redirectUris: splitList(textOf(f, 'callbackUrl')),
    pkceRequired: boolOf(f, 'isPkceRequired', true),
    appFullName: eca.header.fullName,
    secretOptional: boolOf(f, 'isConsumerSecretOptional', false),
  };
  const secret = textOf(f, 'consumerSecret');
  if (secret) client.consumerSecret = secret;
  return client;
}

const LOGIN_ERROR = "Please check your username and password. If you still can't log in, contact your Salesforce administrator.";
const API_ONLY_ERROR = 'You are not authorized to log in through the user interface. Contact your administrator.';

function withParams(base: string, params: Record<string, string | undefined>): string {
  const u = new URL(base);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

export const REMOTE_ACCESS_ERROR_PAGE = '/setup/secur/RemoteAccessErrorPage.apexp';

/**
 * Fact AUTHORIZE-ERROR-PAGE: a refusal that cannot go to a registered callback (unknown or refused
 * client, unregistered redirect_uri) goes to Salesforce's own error page, never to the callback
 * (RFC 6749 section 4.1.2.1: that would be an open redirect).
 */
function toErrorPage(ctx: Ctx, error: string, description: string): EmuResponse {
  return redirect(withParams(`${ctx.url.origin}${REMOTE_ACCESS_ERROR_PAGE}`, { error, error_description: description }));
}

export function remoteAccessErrorPage(ctx: Ctx): EmuResponse {
  const q = ctx.url.searchParams;
  return html(200, errorPage('Remote Access Error', `error=${q.get('error') ?? ''}: ${q.get('error_description') ?? ''}`));
}

const REFUSALS: Record<NonNullable<ResolvedClient['refusal']>, [string, string]> = {
  notInstalled: ['invalid_client', 'app must be installed into org'],
  blocked: ['OAUTH_APP_BLOCKED', 'this app is blocked by admin'],
  accessDenied: ['OAUTH_APP_ACCESS_DENIED', 'user is not admin approved to access this app'],
};

export function handleAuthorize(ctx: Ctx): EmuResponse {
  const { org } = ctx;
  const q = ctx.url.searchParams;
  const clientId = q.get('client_id') ?? '';
  const redirectUri = q.get('redirect_uri') ?? '';
  const state = q.get('state') ?? undefined;
  const client = findClient(org, clientId);
  if (!client) return toErrorPage(ctx, 'invalid_client_id', 'client identifier invalid');
  const fail = (error: string, description: string): EmuResponse =>
    redirect(withParams(redirectUri, { error, error_description: description, state }));
  if (!safeUrl(redirectUri) || !client.redirectUris.includes(redirectUri))
    return toErrorPage(ctx, 'redirect_uri_mismatch', 'redirect_uri must match configuration');
  if (client.refusal && client.refusal !== 'accessDenied') return toErrorPage(ctx, ...REFUSALS[client.refusal]);
  if (q.get('response_type') !== 'code') return fail('unsupported_response_type', 'response type not supported');
  const challenge = q.get('code_challenge') ?? undefined;
  const method = q.get('code_challenge_method');
  if (method && method !== 'S256') return fail('invalid_request', 'invalid code challenge method');
  if (client.pkceRequired && !challenge) return fail('invalid_request', 'missing required code challenge');

  const action = `${ctx.url.pathname}${ctx.url.search}`;
  const orgName = str(org.store.all('Organization')[0]?.Name) ?? 'Salesforce';
  const sessionUser = org.sessions.get(parseCookies(ctx.headers.cookie).sid ?? '');
  const scopes = (q.get('scope') ?? 'api refresh_token').split(/\s+/).filter(Boolean);

  if (ctx.method !== 'POST') {
    if (q.get('prompt')?.includes('login') || !sessionUser) return html(200, loginPage(action, orgName));
    return html(200, consentPage(action, clientId, str(org.user(sessionUser)?.Username) ?? '', scopes));
  }
  const form = formBody(ctx);
  if (form.get('step') === 'consent') {
    if (!sessionUser) return html(200, loginPage(action, orgName));
    // Known only once the user is: an app admins approve users for (fact AUTHORIZE-ERROR-PAGE).
    if (client.refusal === 'accessDenied') return toErrorPage(ctx, ...REFUSALS.accessDenied);
    if (form.get('consent') !== 'allow') return fail('access_denied', 'end-user denied authorization');
    const refusal = clientRefusal(org, client, sessionUser);
    if (refusal) return fail(refusal.error, refusal.description);
    const code = newOpaque(48);
    org.codes.set(code, {
      code,
      clientId,
      redirectUri,
      userId: sessionUser,
      scope: scopes.join(' '),
      used: false,
      expiresAt: org.now() + org.switches.authCodeTtlMs,
      ...(challenge ? { challenge } : {}),
    });
    return redirect(withParams(redirectUri, { code, state }));
  }
  return handleLoginPost(ctx, form, action, orgName, clientId, scopes);
}

function handleLoginPost(
  ctx: Ctx,
  form: URLSearchParams,
  action: string,
  orgName: string,
  clientId: string,
  scopes: string[],
): EmuResponse {
  const { org } = ctx;
  const username = form.get('username') ?? '';
  const user = org.userByUsername(username);
  const ok = user && user.IsActive === true && org.passwords.get(String(user.Id)) === (form.get('password') ?? '');
  if (!user || !ok) return html(200, loginPage(action, orgName, LOGIN_ERROR, username));
  if (isApiOnly(org, user)) return html(200, loginPage(action, orgName, API_ONLY_ERROR, username));
  const sid = newOpaque(40);
  org.sessions.set(sid, String(user.Id));
  return html(200, consentPage(action, clientId, String(user.Username), scopes), {
    'set-cookie': `sid=${sid}; Path=/; HttpOnly; SameSite=Lax`,
  });
}

function safeUrl(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
