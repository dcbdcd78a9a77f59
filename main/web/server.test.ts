import { mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createTestApp } from '../test-support/headless-app';
import { startWebServer, type RunningWebServer } from './server';

const root = mkdtempSync(join(tmpdir(), 'ac-web-'));
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Agent Connections</title>');
const { app, events } = createTestApp();
let server: RunningWebServer;

beforeAll(async () => {
  server = await startWebServer({ handlers: app.handlers, events, staticRoot: root });
});
afterAll(() => server.stop());

/** Raw requests, so Host and Origin can be forged the way an attacker's page or DNS rebinding would. */
function raw(path: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const url = new URL(server.origin);
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest(
      { host: url.hostname, port: url.port, path, method: options.method ?? 'GET', headers: { host: url.host, ...options.headers } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

async function signedInCookie(): Promise<string> {
  const token = new URL(server.startUrl()).searchParams.get('token')!;
  const response = await raw(`/?token=${token}`);
  expect(response.status).toBe(303);
  const cookie = String(response.headers['set-cookie']);
  expect(cookie).toMatch(/HttpOnly/);
  expect(cookie).toMatch(/SameSite=Strict/);
  return cookie.split(';')[0]!;
}

const apiPost = (cookie: string, headers: Record<string, string> = {}) =>
  raw('/api/connectors.list', {
    method: 'POST',
    headers: { cookie, origin: server.origin, 'content-type': 'application/json', ...headers },
    body: '{}',
  });

describe('browser mode server', () => {
  it('refuses pages and API calls without the session from the one-time token', async () => {
    expect((await raw('/')).status).toBe(403);
    expect((await apiPost('agent_connections_session=guess')).status).toBe(403);
  });

  it('serves the app with a strict CSP once the token is redeemed, and the token works only once', async () => {
    const token = new URL(server.startUrl()).searchParams.get('token')!;
    const first = await raw(`/?token=${token}`);
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;
    const page = await raw('/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect((await raw(`/?token=${token}`)).status).toBe(403);
  });

  it('answers the contract for the session', async () => {
    const response = await apiPost(await signedInCookie());
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: [{ id: 'dynamics365' }, { id: 'salesforce', status: 'notSetUp' }] });
  });

  it('refuses a foreign Origin even with a valid session', async () => {
    const cookie = await signedInCookie();
    expect((await apiPost(cookie, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await apiPost(cookie, { origin: '' })).status).toBe(403);
  });

  it('refuses a Host that is not its loopback address and port (DNS rebinding)', async () => {
    const cookie = await signedInCookie();
    expect((await apiPost(cookie, { host: 'evil.example' })).status).toBe(403);
    expect((await raw('/', { headers: { cookie, host: `localhost:${new URL(server.origin).port}` } })).status).toBe(403);
  });

  it('pushes events over the WebSocket to a session, and refuses one without it', async () => {
    const cookie = await signedInCookie();
    const wsUrl = `${server.origin.replace('http', 'ws')}/events`;
    const socket = new WebSocket(wsUrl, { headers: { cookie, origin: server.origin } });
    await new Promise((resolve) => socket.once('open', resolve));
    const message = new Promise<string>((resolve) => socket.once('message', (data: Buffer) => resolve(data.toString())));
    events.emit('auth.changed', { state: 'signedOut', profileId: null });
    expect(JSON.parse(await message)).toEqual({ event: 'auth.changed', payload: { state: 'signedOut', profileId: null } });
    socket.close();

    const refused = new WebSocket(wsUrl, { headers: { origin: server.origin } });
    await expect(new Promise((resolve, reject) => { refused.once('open', resolve); refused.once('error', reject); })).rejects.toThrow(/403/);
  });
});
