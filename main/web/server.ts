import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { Handlers } from '../../common';
import { contentSecurityPolicy } from '../security/csp';
import { mimeTypeOf, resolveStaticFile } from '../security/static-files';
import { firstLookOf, indexHtmlFor } from '../renderer-index';
import { dispatch } from '../services/dispatch';
import type { EventHub } from '../services/event-hub';
import { createSessionGate, SESSION_COOKIE, type SessionGate } from './session-gate';

export interface WebServerOptions {
  handlers: Handlers;
  events: EventHub;
  /** The built renderer (out/renderer). */
  staticRoot: string;
  port?: number;
}

export interface RunningWebServer {
  origin: string;
  /** The start URL with a fresh one-time token; each call mints another (one per browser). */
  startUrl(): string;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;
const browserCsp = contentSecurityPolicy("'self'");

/** Browser mode: the real app's contract over HTTP + WebSocket, on 127.0.0.1 only. */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  let origin = '';
  const gate = createSessionGate(() => origin);
  const server = createServer((request, response) => {
    void route(request, response, gate, options).catch(() => send(response, 500, 'text/plain', 'Internal error'));
  });
  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (request, socket, head) => {
    const allowed = new URL(request.url ?? '/', 'http://x').pathname === '/events' && gate.isOwnHost(request) && gate.isOwnOrigin(request, true) && gate.hasSession(request);
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      const unsubscribe = options.events.subscribe((message) => ws.send(JSON.stringify(message)));
      ws.on('close', unsubscribe);
    });
  });
  await new Promise<void>((resolvePromise) => server.listen(options.port ?? 0, '127.0.0.1', resolvePromise));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    startUrl: () => `${origin}/?token=${gate.issueToken()}`,
    stop: () =>
      new Promise<void>((resolvePromise) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}

async function route(request: IncomingMessage, response: ServerResponse, gate: SessionGate, options: WebServerOptions): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://x');
  const isApi = url.pathname.startsWith('/api/');
  if (!gate.isOwnHost(request) || !gate.isOwnOrigin(request, isApi && request.method === 'POST')) {
    return send(response, 403, 'text/plain', 'Forbidden');
  }
  const token = url.searchParams.get('token');
  if (token !== null && request.method === 'GET') return redeemToken(response, gate, token);
  if (!gate.hasSession(request)) return send(response, 403, 'text/plain', 'Forbidden: open the address printed by "npm run web".');
  if (isApi) return serveApi(request, response, options, decodeURIComponent(url.pathname.slice('/api/'.length)));
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'Method not allowed');
  return serveStatic(response, options, url.pathname);
}

function redeemToken(response: ServerResponse, gate: SessionGate, token: string): void {
  const session = gate.redeem(token);
  if (!session) return send(response, 403, 'text/plain', 'This link was already used or is not valid. Start "npm run web" again for a new one.');
  response.writeHead(303, {
    location: '/',
    'set-cookie': `${SESSION_COOKIE}=${session}; HttpOnly; SameSite=Strict; Path=/`,
    'cache-control': 'no-store',
  });
  response.end();
}

async function serveApi(request: IncomingMessage, response: ServerResponse, options: WebServerOptions, name: string): Promise<void> {
  if (request.method !== 'POST') return send(response, 405, 'text/plain', 'Method not allowed');
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return send(response, 415, 'text/plain', 'Send JSON');
  const body = await readBody(request);
  let payload: unknown;
  try {
    payload = body === '' ? {} : JSON.parse(body);
  } catch {
    payload = undefined;
  }
  const result = payload === undefined
    ? { ok: false as const, error: { code: 'INVALID_INPUT' as const, message: 'The request was not valid JSON.' } }
    : await dispatch(options.handlers, name, payload);
  send(response, 200, 'application/json', JSON.stringify(result));
}

async function serveStatic(response: ServerResponse, options: WebServerOptions, path: string): Promise<void> {
  const file = resolveStaticFile(options.staticRoot, path);
  if (!file) return send(response, 404, 'text/plain', 'Not found');
  try {
    const content = basename(file) === 'index.html' ? indexHtmlFor(await readFile(file, 'utf8'), await firstLookOf(options.handlers)) : await readFile(file);
    response.writeHead(200, {
      'content-type': mimeTypeOf(file),
      'content-security-policy': browserCsp,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
    });
    response.end(content);
  } catch {
    send(response, 404, 'text/plain', 'Not found');
  }
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => resolvePromise(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, type: string, body: string): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  response.end(body);
}
