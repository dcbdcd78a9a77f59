import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createTestApp } from '../../test/support/headless-app';
import { startWebServer, type RunningWebServer } from './server';

const root = mkdtempSync(join(tmpdir(), 'ac-web-'));
writeFileSync(join(root, 'index.html'), '<!doctype html><html lang="en"><head><title>Agent Connections</title></head><body></body></html>');
mkdirSync(join(root, 'assets'));
writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
const { app, events } = createTestApp();
let server: RunningWebServer;
const announced: string[] = [];

beforeAll(async () => {
  server = await startWebServer({ handlers: app.handlers, events, staticRoot: root, announceUrl: (url) => announced.push(url) });
});
afterAll(() => server.stop());

/** Raw requests, so Host and Origin can be forged the way an attacker's page or DNS rebinding would. */
function raw(
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
  target: RunningWebServer = server,
) {
  const url = new URL(target.origin);
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

const secretIn = (html: string) => /<meta name="agent-connections-session" content="([^"]+)"/.exec(html)?.[1];

/** Opens the one-time start URL as the browser would, and takes the secret from the page it gets. */
async function openedPage(target: RunningWebServer = server): Promise<string> {
  const response = await raw(new URL(target.startUrl()).search.replace(/^/, '/'), {}, target);
  expect(response.status).toBe(200);
  expect(response.headers['set-cookie']).toBeUndefined();
  const secret = secretIn(response.body);
  expect(secret).toBeDefined();
  return secret!;
}

const apiPost = (
  secret: string | null,
  headers: Record<string, string> = {},
  target: RunningWebServer = server,
  name = 'connectors.list',
) =>
  raw(
    `/api/${name}`,
    {
      method: 'POST',
      headers: {
        origin: target.origin,
        'content-type': 'application/json',
        ...(secret === null ? {} : { 'x-agent-connections-session': secret }),
        ...headers,
      },
      body: '{}',
    },
    target,
  );

const wsUrl = (target: RunningWebServer = server) => `${target.origin.replace('http', 'ws')}/events`;

function refusal(socket: WebSocket): Promise<unknown> {
  return new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
}

describe('browser mode server', () => {
  it('refuses the page and API calls without the secret from the one-time token', async () => {
    expect((await raw('/')).status).toBe(403);
    expect((await raw('/index.html')).status).toBe(403);
    expect((await apiPost(null)).status).toBe(401);
    expect((await apiPost('guess')).status).toBe(401);
    // The refused page asks for a new address once; more refusals reuse it while it is fresh.
    expect(announced).toHaveLength(1);
  });

  it('serves the page with its secret and a strict CSP for the token, and the token works only once', async () => {
    const token = new URL(server.startUrl()).searchParams.get('token')!;
    const first = await raw(`/?token=${token}`);
    expect(first.status).toBe(200);
    expect(secretIn(first.body)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.body.startsWith('<!doctype html><html lang="en"')).toBe(true);
    expect(first.headers['content-security-policy']).toContain("script-src 'self'");
    expect(first.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(first.headers['referrer-policy']).toBe('no-referrer');
    const again = await raw(`/?token=${token}`);
    expect(again.status).toBe(403);
    expect(again.body).toContain('Open the new address printed by "npm run web"');
  });

  it('serves the built scripts without a session: they carry no data', async () => {
    const script = await raw('/assets/app.js');
    expect(script.status).toBe(200);
    expect(script.headers['content-type']).toContain('text/javascript');
  });

  it('answers the contract for the secret', async () => {
    const response = await apiPost(await openedPage());
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ ok: true, value: [{ id: 'dynamics365' }, { id: 'salesforce', status: 'notSetUp' }] });
  });

  it('refuses a cookie in place of the secret, and ignores planted cookies next to it', async () => {
    const secret = await openedPage();
    expect((await apiPost(null, { cookie: `agent_connections_session=${secret}` })).status).toBe(401);
    const withPlanted = await apiPost(secret, { cookie: 'agent_connections_session=planted; agent_connections_session=other' });
    expect(withPlanted.status).toBe(200);
  });

  it('refuses a foreign Origin even with a valid secret', async () => {
    const secret = await openedPage();
    expect((await apiPost(secret, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await apiPost(secret, { origin: 'http://127.0.0.1:1' })).status).toBe(403);
    expect((await apiPost(secret, { origin: '' })).status).toBe(403);
  });

  it('refuses a Host that is not its loopback address and port (DNS rebinding)', async () => {
    const secret = await openedPage();
    expect((await apiPost(secret, { host: 'evil.example' })).status).toBe(403);
    const token = new URL(server.startUrl()).searchParams.get('token')!;
    expect((await raw(`/?token=${token}`, { headers: { host: `localhost:${new URL(server.origin).port}` } })).status).toBe(403);
  });

  it("pushes events over the WebSocket to the secret's subprotocol, and refuses one without it", async () => {
    const secret = await openedPage();
    const socket = new WebSocket(wsUrl(), ['agent-connections', `agent-connections.session.${secret}`], {
      headers: { origin: server.origin },
    });
    await refusal(socket);
    expect(socket.protocol).toBe('agent-connections');
    const message = new Promise<string>((resolve) => socket.once('message', (data: Buffer) => resolve(data.toString())));
    events.emit('auth.changed', { state: 'signedOut', profileId: null });
    expect(JSON.parse(await message)).toEqual({ event: 'auth.changed', payload: { state: 'signedOut', profileId: null } });
    socket.close();

    const cookieOnly = new WebSocket(wsUrl(), ['agent-connections'], {
      headers: { origin: server.origin, cookie: `agent_connections_session=${secret}` },
    });
    await expect(refusal(cookieOnly)).rejects.toThrow(/403/);
    const foreign = new WebSocket(wsUrl(), ['agent-connections', `agent-connections.session.${secret}`], {
      headers: { origin: 'http://127.0.0.1:1' },
    });
    await expect(refusal(foreign)).rejects.toThrow(/403/);
  });

  it('ends the session when the page signs out, closing its socket', async () => {
    const secret = await openedPage();
    const socket = new WebSocket(wsUrl(), ['agent-connections', `agent-connections.session.${secret}`], {
      headers: { origin: server.origin },
    });
    await refusal(socket);
    const closed = new Promise<number>((resolve) => socket.once('close', (code: number) => resolve(code)));
    const signOut = await raw('/session/end', {
      method: 'POST',
      headers: { origin: server.origin, 'x-agent-connections-session': secret },
    });
    expect(signOut.status).toBe(200);
    expect(await closed).toBe(4401);
    expect((await apiPost(secret)).status).toBe(401);
  });
});

describe('browser mode session lifetimes', () => {
  let short: RunningWebServer;
  const fresh: string[] = [];
  beforeAll(async () => {
    short = await startWebServer({
      handlers: app.handlers,
      events,
      staticRoot: root,
      idleMs: 1000,
      tokenMs: 1000,
      announceUrl: (url) => fresh.push(url),
    });
  });
  afterAll(() => short.stop());

  it('refuses a one-time link opened too late, and announces a new one that works', async () => {
    const late = short.startUrl();
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const refused = await raw(new URL(late).search.replace(/^/, '/'), {}, short);
    expect(refused.status).toBe(403);
    expect(fresh).toHaveLength(1);
    const reopened = await raw(new URL(fresh[0]!).search.replace(/^/, '/'), {}, short);
    expect(reopened.status).toBe(200);
  });

  it('ends an idle session, closing its socket, while a used one goes on', async () => {
    const idle = await openedPage(short);
    const busy = await openedPage(short);
    const socket = new WebSocket(wsUrl(short), ['agent-connections', `agent-connections.session.${idle}`], {
      headers: { origin: short.origin },
    });
    await refusal(socket);
    let closedWith: number | null = null;
    socket.once('close', (code: number) => (closedWith = code));
    while (closedWith === null) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect((await apiPost(busy, {}, short)).status).toBe(200);
    }
    expect(closedWith).toBe(4401);
    const ended = await apiPost(idle, {}, short);
    expect(ended.status).toBe(401);
    expect(ended.body).toContain('Open the new address printed by "npm run web"');
  });
});

describe('the pages a reload or an old link gets', () => {
  it('name the command the admin ran, in the page and in the ended-session answer', async () => {
    const tried = await startWebServer({ handlers: app.handlers, events, staticRoot: root, launchedBy: './scripts/try.sh' });
    try {
      const token = new URL(tried.startUrl()).searchParams.get('token')!;
      const page = await raw(`/?token=${token}`, {}, tried);
      expect(page.body).toContain('<meta name="agent-connections-launched-by" content="./scripts/try.sh" />');
      // A reload asks for the used link again: the answer says whose terminal has the new one.
      const reloaded = await raw(`/?token=${token}`, {}, tried);
      expect(reloaded.status).toBe(403);
      expect(reloaded.body).toContain('Open the new address printed by "./scripts/try.sh" in the terminal where it runs.');
      expect(reloaded.body).not.toContain('npm run web');
      const call = await raw(
        '/api/app.info',
        { method: 'POST', headers: { origin: tried.origin, 'content-type': 'application/json' }, body: '{}' },
        tried,
      );
      expect(call.status).toBe(401);
      expect(call.body).toContain('"./scripts/try.sh"');
    } finally {
      await tried.stop();
    }
  });
});
