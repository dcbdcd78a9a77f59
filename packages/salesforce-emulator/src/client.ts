/**
 * A jsforce client of the emulator, free of any test runner: the admin's sign-in through the real
 * login and consent pages, and an untyped view of the Metadata API calls (tests, benchmarks).
 */
import jsforce, { type Connection, type OAuth2 } from 'jsforce';
import type { StartedEmulator } from './start';

export const CLI = { clientId: 'PlatformCLI', redirectUri: 'http://localhost:1717/OauthRedirect' };
export const VERSION = '66.0';

const INSTALLED_TEST_CLIENT = 'EmulatorInstalledTestClient';

export function newOAuth2(emu: StartedEmulator): OAuth2 {
  return new jsforce.OAuth2({ loginUrl: emu.loginUrl, clientId: CLI.clientId, redirectUri: CLI.redirectUri, useVerifier: true });
}

/** Drives the HTML login form and the Allow page like a browser (cookies by hand) and returns the redirect. */
export async function authorizeInBrowser(
  authUrl: string,
  username: string,
  password: string,
  consent: 'allow' | 'deny' = 'allow',
): Promise<URL> {
  const form = await fetch(authUrl);
  const page = await form.text();
  if (!page.includes('Log In')) throw new Error(`no login form: ${form.status} ${page.slice(0, 200)}`);
  const login = await fetch(authUrl, {
    method: 'POST',
    redirect: 'manual',
    body: new URLSearchParams({ step: 'login', username, password }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  const consentPage = await login.text();
  if (!cookie || !consentPage.includes('Allow')) throw new Error(`login failed: ${consentPage.slice(0, 400)}`);
  const res = await fetch(authUrl, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie },
    body: new URLSearchParams({ step: 'consent', consent }),
  });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`no redirect after consent: ${res.status}`);
  return new URL(location);
}

/** A jsforce Connection signed in through the web-server flow with PKCE (the app's admin sign-in). */
export async function signIn(emu: StartedEmulator, who: 'admin' | 'nonAdmin' = 'admin'): Promise<Connection> {
  // A user without "Approve Uninstalled Connected Apps" signs in through an installed app (fact UNINSTALLED-APP-ACCESS).
  if (who === 'nonAdmin') emu.registerSignInClient({ clientId: INSTALLED_TEST_CLIENT, redirectUris: [CLI.redirectUri] });
  const oauth2 =
    who === 'admin'
      ? newOAuth2(emu)
      : new jsforce.OAuth2({ loginUrl: emu.loginUrl, clientId: INSTALLED_TEST_CLIENT, redirectUri: CLI.redirectUri, useVerifier: true });
  const creds = who === 'admin' ? emu.admin : emu.users.nonAdmin;
  const url = oauth2.getAuthorizationUrl({ scope: 'api refresh_token web', state: 'st-123', prompt: 'login' });
  const redirect = await authorizeInBrowser(url, creds.username, creds.password);
  const conn = new jsforce.Connection({ oauth2, version: VERSION });
  await conn.authorize(redirect.searchParams.get('code') ?? '');
  return conn;
}

export interface MdError {
  message: string;
  statusCode: string;
}
export interface MdSaveResult {
  fullName: string;
  success: boolean;
  created?: boolean;
  errors: MdError[] | MdError;
}

/** jsforce's metadata typings predate ECA types (they come from its v47 WSDL): an untyped view of the same calls. */
export interface LooseMetadataApi {
  create(type: string, md: object[]): Promise<MdSaveResult[]>;
  create(type: string, md: object): Promise<MdSaveResult>;
  update(type: string, md: object): Promise<MdSaveResult>;
  upsert(type: string, md: object[]): Promise<MdSaveResult[]>;
  upsert(type: string, md: object): Promise<MdSaveResult>;
  delete(type: string, names: string): Promise<MdSaveResult>;
  delete(type: string, names: string[]): Promise<MdSaveResult[]>;
  read(type: string, name: string): Promise<Record<string, unknown>>;
  read(type: string, names: string[]): Promise<Record<string, unknown>[]>;
  list(query: { type: string }): Promise<{ fullName: string; fileName: string; type: string }[]>;
}

export function mdApi(conn: Connection): LooseMetadataApi {
  return conn.metadata;
}

export function firstError(r: MdSaveResult): MdError | undefined {
  return Array.isArray(r.errors) ? r.errors[0] : r.errors;
}
