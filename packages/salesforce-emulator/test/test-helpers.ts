/** Shared helpers for the emulator's own tests: users, apps, JWTs, raw requests, one emulator per file. */
import { execFileSync } from 'node:child_process';
import { createSign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Connection } from 'jsforce';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { mdApi, signIn, startEmulator, VERSION, type StartedEmulator } from '../index';

export { authorizeInBrowser, CLI, firstError, mdApi, newOAuth2, signIn, VERSION, type MdSaveResult } from '../index';

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
    Username: name,
    LastName: 'Agent Integration',
    Email: 'admin@customer.example',
    Alias: `agt${userCounter % 10000}`,
    TimeZoneSidKey: 'America/Los_Angeles',
    LocaleSidKey: 'en_US',
    EmailEncodingKey: 'UTF-8',
    LanguageLocaleKey: 'en_US',
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
  await conn
    .sobject('FieldPermissions')
    .create({ ParentId: ps.id, SobjectType: 'Account', Field: 'Account.Industry', PermissionsRead: true });
  await conn.sobject('PermissionSetLicenseAssign').create({ AssigneeId: userId, PermissionSetLicenseId: await pslId(conn) });
  const psa = await conn.sobject('PermissionSetAssignment').create({ AssigneeId: userId, PermissionSetId: ps.id });
  if (!psa.success) throw new Error(JSON.stringify(psa));
  return ps.id;
}

export interface KeyPair {
  certPem: string;
  privateKeyPem: string;
}

/** Self-signed RSA certificate via the openssl CLI (test-only; avoids extra dependencies). */
export function makeCertificate(): Promise<KeyPair> {
  const dir = mkdtempSync(join(tmpdir(), 'sf-emu-cert-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
        '-days',
        '2',
        '-subj',
        '/CN=Agent Connections Test',
      ],
      { stdio: 'ignore' },
    );
    return Promise.resolve({
      certPem: readFileSync(join(dir, 'cert.pem'), 'utf8'),
      privateKeyPem: readFileSync(join(dir, 'key.pem'), 'utf8'),
    });
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

export async function tokenRequest(
  origin: string,
  params: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown>; contentType: string }> {
  const res = await fetch(`${origin}/services/oauth2/token`, { method: 'POST', body: new URLSearchParams(params) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown>, contentType: res.headers.get('content-type') ?? '' };
}

/** Creates header + global OAuth settings (+ OAuth settings, which auto-creates the policies). */
export async function createEca(conn: Connection, name: string, certPem?: string): Promise<{ consumerKey: string }> {
  const md = mdApi(conn);
  const header = await md.create('ExternalClientApplication', {
    fullName: name,
    contactEmail: 'admin@customer.example',
    distributionState: 'Local',
    label: name,
  });
  if (!header.success) throw new Error(JSON.stringify(header));
  const oauth = await md.create('ExtlClntAppOauthSettings', {
    fullName: `${name}_oauth`,
    commaSeparatedOauthScopes: 'Api',
    externalClientApplication: name,
    label: name,
  });
  if (!oauth.success) throw new Error(JSON.stringify(oauth));
  const global = await md.create('ExtlClntAppGlobalOauthSettings', {
    fullName: `${name}_glbloauth`,
    callbackUrl: 'https://localhost/callback',
    ...(certPem ? { certificate: certPem } : {}),
    externalClientApplication: name,
    isClientCredentialsFlowEnabled: true,
    isPkceRequired: false,
    label: name,
  });
  if (!global.success) throw new Error(JSON.stringify(global));
  const read = await md.read('ExtlClntAppGlobalOauthSettings', `${name}_glbloauth`);
  return { consumerKey: typeof read.consumerKey === 'string' ? read.consumerKey : '' };
}

/** Pre-authorizes a permission set on the auto-created OAuth policies record (upsert by its generated name). */
export async function preAuthorize(conn: Connection, name: string, psName: string, runAs?: string): Promise<void> {
  const res = await mdApi(conn).upsert('ExtlClntAppOauthConfigurablePolicies', {
    fullName: `${name}_oauth_defaultPolicy`,
    commaSeparatedPermissionSet: psName,
    externalClientApplication: name,
    ...(runAs ? { clientCredentialsFlowUser: runAs, isClientCredentialsFlowEnabled: true } : {}),
    label: name,
    permittedUsersPolicyType: 'AdminApprovedPreAuthorized',
  });
  if (!res.success) throw new Error(JSON.stringify(res));
}

export async function restFetch(
  emu: StartedEmulator,
  token: string,
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; contentType: string; body: unknown }> {
  const res = await fetch(`${emu.instanceUrl}/services/data/v${VERSION}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) },
  });
  const textBody = await res.text();
  let body: unknown = textBody;
  try {
    body = textBody ? JSON.parse(textBody) : null;
  } catch {
    /* keep text */
  }
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
