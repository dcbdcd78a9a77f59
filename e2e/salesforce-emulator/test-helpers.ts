/** Shared helpers for the emulator's own tests: sign-in through the real pages, users, apps, JWTs. */
import { execFileSync } from 'node:child_process';
import { createSign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsforce, { type Connection, type OAuth2 } from 'jsforce';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { startEmulator, type StartedEmulator } from './index';

export const CLI = { clientId: 'PlatformCLI', redirectUri: 'http://localhost:1717/OauthRedirect' };
export const VERSION = '66.0';

export function newOAuth2(emu: StartedEmulator): OAuth2 {
  return new jsforce.OAuth2({ loginUrl: emu.loginUrl, clientId: CLI.clientId, redirectUri: CLI.redirectUri, useVerifier: true });
}

/** Drives the HTML login form and the Allow page like a browser (cookies by hand) and returns the redirect. */
export async function authorizeInBrowser(
  authUrl: string, username: string, password: string, consent: 'allow' | 'deny' = 'allow',
): Promise<URL> {
  const form = await fetch(authUrl);
  const page = await form.text();
  if (!page.includes('Log In')) throw new Error(`no login form: ${form.status} ${page.slice(0, 200)}`);
  const login = await fetch(authUrl, {
    method: 'POST', redirect: 'manual', body: new URLSearchParams({ step: 'login', username, password }),
  });
  const cookie = login.headers.get('set-cookie')?.split(';')[0];
  const consentPage = await login.text();
  if (!cookie || !consentPage.includes('Allow')) throw new Error(`login failed: ${consentPage.slice(0, 400)}`);
  const res = await fetch(authUrl, {
    method: 'POST', redirect: 'manual', headers: { cookie }, body: new URLSearchParams({ step: 'consent', consent }),
  });
  const location = res.headers.get('location');
  if (res.status !== 302 || !location) throw new Error(`no redirect after consent: ${res.status}`);
  return new URL(location);
}

/** A jsforce Connection signed in through the web-server flow with PKCE (the app's admin sign-in). */
export async function signIn(emu: StartedEmulator, who: 'admin' | 'nonAdmin' = 'admin'): Promise<Connection> {
  const oauth2 = newOAuth2(emu);
  const creds = who === 'admin' ? emu.admin : emu.users.nonAdmin;
  const url = oauth2.getAuthorizationUrl({ scope: 'api refresh_token web', state: 'st-123', prompt: 'login' });
  const redirect = await authorizeInBrowser(url, creds.username, creds.password);
  const conn = new jsforce.Connection({ oauth2, version: VERSION });
  await conn.authorize(redirect.searchParams.get('code') ?? '');
  return conn;
}

let userCounter = 0;

export async function integrationProfileId(conn: Connection): Promise<string> {
  const res = await conn.query<{ Id: string }>("SELECT Id FROM Profile WHERE UserLicense.Name = 'Salesforce Integration'");
  const id = res.records[0]?.Id;
  if (!id) throw new Error('no integration profile');
  return id;
}

export function userBody(profileId: string, username?: string): Record<string, string> {
  userCounter++;
  const name = username ?? `agent.${Date.now()}.${userCounter}@agent.example.com`;
  return {
    Username: name, LastName: 'Agent Integration', Email: 'admin@customer.example', Alias: `agt${userCounter % 10000}`,
    TimeZoneSidKey: 'America/Los_Angeles', LocaleSidKey: 'en_US', EmailEncodingKey: 'UTF-8', LanguageLocaleKey: 'en_US',
    ProfileId: profileId,
  };
}

export async function createIntegrationUser(conn: Connection, username?: string): Promise<{ id: string; username: string }> {
  const body = userBody(await integrationProfileId(conn), username);
  const res = await conn.sobject('User').create(body);
  if (!res.success) throw new Error(JSON.stringify(res));
  return { id: res.id, username: body.Username ?? '' };
}

export async function pslId(conn: Connection): Promise<string> {
  const r = await conn.query<{ Id: string }>("SELECT Id FROM PermissionSetLicense WHERE DeveloperName = 'SalesforceAPIIntegrationPsl'");
  return r.records[0]?.Id ?? '';
}

/** Permission set with Read on Account and one FLS row, assigned (with the PSL) to the user. */
export async function grantAgentAccess(conn: Connection, userId: string, psName: string): Promise<string> {
  const ps = await conn.sobject('PermissionSet').create({ Name: psName, Label: psName });
  if (!ps.success) throw new Error(JSON.stringify(ps));
  await conn.sobject('ObjectPermissions').create({ ParentId: ps.id, SobjectType: 'Account', PermissionsRead: true });
  await conn.sobject('FieldPermissions').create({ ParentId: ps.id, SobjectType: 'Account', Field: 'Account.Industry', PermissionsRead: true });
  await conn.sobject('PermissionSetLicenseAssign').create({ AssigneeId: userId, PermissionSetLicenseId: await pslId(conn) });
  const psa = await conn.sobject('PermissionSetAssignment').create({ AssigneeId: userId, PermissionSetId: ps.id });
  if (!psa.success) throw new Error(JSON.stringify(psa));
  return ps.id;
}

export interface MdError { message: string; statusCode: string }
export interface MdSaveResult { fullName: string; success: boolean; created?: boolean; errors: MdError[] | MdError }

/** jsforce's metadata typings predate ECA types (v47 WSDL, §0.6): an untyped view of the same calls. */
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

export interface KeyPair { certPem: string; privateKeyPem: string }

/** Self-signed RSA certificate via the openssl CLI (test-only; avoids extra dependencies). */
export function makeCertificate(): Promise<KeyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-emu-cert-'));
  try {
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-days', '2', '-subj', '/CN=Agent Connections Test'], { stdio: 'ignore' });
    return Promise.resolve({ certPem: readFileSync(join(dir, 'cert.pem'), 'utf8'), privateKeyPem: readFileSync(join(dir, 'key.pem'), 'utf8') });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function signJwt(privateKeyPem: string, claims: Record<string, unknown>): string {
  const enc = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');
  const input = `${enc({ alg: 'RS256', typ: 'JWT' })}.${enc(claims)}`;
  const sig = createSign('RSA-SHA256').update(input).sign(privateKeyPem).toString('base64url');
  return `${input}.${sig}`;
}

export async function tokenRequest(origin: string, params: Record<string, string>): Promise<{ status: number; body: Record<string, unknown>; contentType: string }> {
  const res = await fetch(`${origin}/services/oauth2/token`, { method: 'POST', body: new URLSearchParams(params) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, contentType: res.headers.get('content-type') ?? '' };
}

/** Creates header + global OAuth settings (+ OAuth settings, which auto-creates the policies). */
export async function createEca(conn: Connection, name: string, certPem?: string): Promise<{ consumerKey: string }> {
  const md = mdApi(conn);
  const header = await md.create('ExternalClientApplication', { fullName: name, contactEmail: 'admin@customer.example', distributionState: 'Local', label: name } );
  if (!header.success) throw new Error(JSON.stringify(header));
  const oauth = await md.create('ExtlClntAppOauthSettings', { fullName: `${name}_oauth`, commaSeparatedOauthScopes: 'Api', externalClientApplication: name, label: name } );
  if (!oauth.success) throw new Error(JSON.stringify(oauth));
  const global = await md.create('ExtlClntAppGlobalOauthSettings', {
    fullName: `${name}_glbloauth`, callbackUrl: 'https://localhost/callback', ...(certPem ? { certificate: certPem } : {}),
    externalClientApplication: name, isClientCredentialsFlowEnabled: true, isPkceRequired: false, label: name,
  });
  if (!global.success) throw new Error(JSON.stringify(global));
  const read = await md.read('ExtlClntAppGlobalOauthSettings', `${name}_glbloauth`);
  return { consumerKey: typeof read.consumerKey === 'string' ? read.consumerKey : '' };
}

/** Pre-authorizes a permission set on the auto-created OAuth policies record (upsert by its generated name). */
export async function preAuthorize(conn: Connection, name: string, psName: string, runAs?: string): Promise<void> {
  const res = await mdApi(conn).upsert('ExtlClntAppOauthConfigurablePolicies', {
    fullName: `${name}_oauth_defaultPolicy`, commaSeparatedPermissionSet: psName, externalClientApplication: name,
    ...(runAs ? { clientCredentialsFlowUser: runAs, isClientCredentialsFlowEnabled: true } : {}),
    label: name, permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
  });
  if (!res.success) throw new Error(JSON.stringify(res));
}

export async function restFetch(emu: StartedEmulator, token: string, path: string, init: RequestInit = {}): Promise<{ status: number; contentType: string; body: unknown }> {
  const res = await fetch(`${emu.instanceUrl}/services/data/v${VERSION}${path}`, {
    ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const textBody = await res.text();
  let body: unknown = textBody;
  try { body = textBody ? JSON.parse(textBody) : null; } catch { /* keep text */ }
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body };
}

export function soapEnvelope(sessionId: string, bodyXml: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><soapenv:Header xmlns="http://soap.sforce.com/2006/04/metadata"><SessionHeader><sessionId>${sessionId}</sessionId></SessionHeader></soapenv:Header><soapenv:Body xmlns="http://soap.sforce.com/2006/04/metadata">${bodyXml}</soapenv:Body></soapenv:Envelope>`;
}

/** Runs `fn`, expecting a jsforce error, and returns it (fails the test when nothing is thrown). */
export async function expectError(fn: () => PromiseLike<unknown>): Promise<{ errorCode?: string; name?: string; message: string }> {
  try {
    await fn();
  } catch (e) {
    return e as { errorCode?: string; name?: string; message: string };
  }
  throw new Error('expected an error');
}

/** One emulator per test file, back to its seed and signed in as the admin before each test. */
export function signedInEmulator(): { emu: StartedEmulator; conn: Connection } {
  const ctx = {} as { emu: StartedEmulator; conn: Connection };
  beforeAll(async () => {
    ctx.emu = await startEmulator();
  });
  afterAll(() => ctx.emu.stop());
  beforeEach(async () => {
    ctx.emu.reset();
    ctx.conn = await signIn(ctx.emu);
  });
  return ctx;
}
