import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Handlers } from '../../common';
import {
  EVENTS_PROTOCOL,
  LAUNCH_META_NAME,
  SESSION_END_PATH,
  SESSION_ENDED_CLOSE_CODE,
  SESSION_META_NAME,
} from '../../common/browser-session';
import { contentSecurityPolicy } from '../security/csp';
import { mimeTypeOf, resolveStaticFile } from '../security/static-files';
import { firstLookOf, indexHtmlFor } from '../renderer-index';
import { dispatch } from '../transport/dispatch';
import type { EventHub } from '../transport/event-hub';
import { createSessionGate, DEFAULT_IDLE_MS, DEFAULT_TOKEN_MS, type SessionGate } from './session-gate';

export interface WebServerOptions {
  handlers: Handlers;
  events: EventHub;
  /** The built renderer (out/renderer). */
  staticRoot: string;
  port?: number;
  /** A browser session ends after this long without a request (default 30 minutes). */
  idleMs?: number;
  /** A one-time start URL expires this long after it was made (default 5 minutes). */
  tokenMs?: number;
  /**
   * Called with a fresh start URL when a session has ended or a page could not open, so the admin
   * has a new address to open (the page tells them to look for it).
   */
  announceUrl?: (startUrl: string) => void;
  /** The command the admin started browser mode with, which prints the new address (default `npm run web`). */
  launchedBy?: string;
}

export interface RunningWebServer {
  origin: string;
  /** The start URL with a fresh one-time token; each call mints another (one per browser). */
  startUrl(): string;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;
const browserCsp = contentSecurityPolicy("'self'");
/** The pages a reload or an old link gets name the command the admin ran, whose terminal shows the new address. */
const sessionEndedText = (options: WebServerOptions) =>
  `This browser session has ended. Open the new address printed by "${launchCommand(options)}" in the terminal where it runs.`;
const linkRefusedText = (options: WebServerOptions) =>
  `This link has expired or was already used. Open the new address printed by "${launchCommand(options)}" in the terminal where it runs.`;
const launchCommand = (options: WebServerOptions): string => options.launchedBy ?? 'npm run web';
const attribute = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

interface Context {
  gate: SessionGate;
  options: WebServerOptions;
  /** Prints a fresh start URL through `announceUrl`, unless a recent one is still unused. */
  announce(): void;
  closeEndedSockets(): void;
}

/** Browser mode: the real app's contract over HTTP + WebSocket, on 127.0.0.1 only. */
export async function startWebServer(options: WebServerOptions): Promise<RunningWebServer> {
  let origin = '';
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const tokenMs = options.tokenMs ?? DEFAULT_TOKEN_MS;
  const gate = createSessionGate({ origin: () => origin, idleMs, tokenMs });
  const urlFor = (token: string) => `${origin}/?token=${token}`;
  const sockets = new WebSocketServer({
    noServer: true,
    handleProtocols: (offered) => (offered.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false),
  });
  const socketSessions = new Map<WebSocket, string>();
  const context: Context = {
    gate,
    options,
    announce: freshUrlAnnouncer(gate, tokenMs, urlFor, options.announceUrl),
    closeEndedSockets() {
      for (const [ws, session] of socketSessions) if (!gate.isLive(session)) ws.close(SESSION_ENDED_CLOSE_CODE, 'session ended');
    },
  };
  const server = createServer((request, response) => {
    void route(request, response, context).catch(() => send(response, 500, 'text/plain', 'Internal error'));
  });
  server.on('upgrade', (request, socket, head) => {
    const session = isEventsUpgrade(request, gate) ? gate.sessionOf(request) : null;
    if (session === null) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      socketSessions.set(ws, session);
      const unsubscribe = options.events.subscribe((message) => ws.send(JSON.stringify(message)));
      ws.on('close', () => {
        unsubscribe();
        socketSessions.delete(ws);
      });
    });
  });
  const sweeper = setInterval(
    () => {
      if (gate.sweep().length === 0) return;
      context.closeEndedSockets();
      context.announce();
    },
    Math.max(20, Math.min(idleMs, 60_000) / 4),
  );
  sweeper.unref();
  await new Promise<void>((resolvePromise) => server.listen(options.port ?? 0, '127.0.0.1', resolvePromise));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    startUrl: () => urlFor(gate.issueToken()),
    stop: () =>
      new Promise<void>((resolvePromise) => {
        clearInterval(sweeper);
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => resolvePromise());
      }),
  };
}

function isEventsUpgrade(request: IncomingMessage, gate: SessionGate): boolean {
  return new URL(request.url ?? '/', 'http://x').pathname === '/events' && gate.isOwnHost(request) && gate.isOwnOrigin(request, true);
}

/**
 * The admin needs a new address whenever a session ends or a link is refused; one printed less than
 * half a token's lifetime ago and still unused is still good, so a burst of refusals prints one.
 */
function freshUrlAnnouncer(
  gate: SessionGate,
  tokenMs: number,
  urlFor: (token: string) => string,
  announceUrl?: (url: string) => void,
): () => void {
  let last: string | null = null;
  return () => {
    if (!announceUrl || (last !== null && gate.tokenTimeLeft(last) > tokenMs / 2)) return;
    last = gate.issueToken();
    announceUrl(urlFor(last));
  };
}

async function route(request: IncomingMessage, response: ServerResponse, context: Context): Promise<void> {
  const { gate, options } = context;
  const url = new URL(request.url ?? '/', 'http://x');
  if (!gate.isOwnHost(request) || !gate.isOwnOrigin(request, request.method === 'POST')) {
    return send(response, 403, 'text/plain', 'Forbidden');
  }
  const token = url.searchParams.get('token');
  if (token !== null && request.method === 'GET') return openPage(response, context, token);
  const isApi = url.pathname.startsWith('/api/');
  if (isApi || url.pathname === SESSION_END_PATH) {
    if (request.method !== 'POST') return send(response, 405, 'text/plain', 'Method not allowed');
    const session = gate.sessionOf(request);
    if (session === null) return send(response, 401, 'text/plain', sessionEndedText(options));
    if (isApi) return serveApi(request, response, options, decodeURIComponent(url.pathname.slice('/api/'.length)));
    gate.end(session);
    context.closeEndedSockets();
    context.announce();
    return send(response, 200, 'text/plain', 'Signed out');
  }
  if (request.method !== 'GET' && request.method !== 'HEAD') return send(response, 405, 'text/plain', 'Method not allowed');
  return serveStatic(response, context, url.pathname);
}

/** Redeems the one-time token: the page it returns is the only place the session's secret is given. */
async function openPage(response: ServerResponse, context: Context, token: string): Promise<void> {
  const session = context.gate.redeem(token);
  if (session === null) {
    context.announce();
    return send(response, 403, 'text/plain', linkRefusedText(context.options));
  }
  const file = resolveStaticFile(context.options.staticRoot, '/');
  if (!file) return send(response, 404, 'text/plain', 'Not found');
  const html = indexHtmlFor(await readFile(file, 'utf8'), await firstLookOf(context.options.handlers));
  response.writeHead(200, { ...pageHeaders(file), 'referrer-policy': 'no-referrer' });
  response.end(withSessionSecret(html, session, launchCommand(context.options)));
}

function withSessionSecret(html: string, secret: string, launchedBy: string): string {
  const meta = `<meta name="${SESSION_META_NAME}" content="${secret}" /><meta name="${LAUNCH_META_NAME}" content="${attribute(launchedBy)}" />`;
  const head = /<head[^>]*>/i;
  return head.test(html)
    ? html.replace(head, (opening) => opening + meta)
    : html.replace(/^(<!doctype html>)?/i, (doctype) => doctype + meta);
}

async function serveApi(request: IncomingMessage, response: ServerResponse, options: WebServerOptions, name: string): Promise<void> {
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) return send(response, 415, 'text/plain', 'Send JSON');
  const body = await readBody(request);
  let payload: unknown;
  try {
    payload = body === '' ? {} : JSON.parse(body);
  } catch {
    payload = undefined;
  }
  const result =
    payload === undefined
      ? { ok: false as const, error: { code: 'INVALID_INPUT' as const, message: 'The request was not valid JSON.' } }
      : await dispatch(options.handlers, name, payload);
  send(response, 200, 'application/json', JSON.stringify(result));
}

/**
 * The built renderer's scripts and styles, to anyone who passed the Host check: they hold no data.
 * The page itself carries the admin's first look and the session, so only a one-time link opens it.
 */
async function serveStatic(response: ServerResponse, context: Context, path: string): Promise<void> {
  const file = resolveStaticFile(context.options.staticRoot, path);
  if (!file) return send(response, 404, 'text/plain', 'Not found');
  if (basename(file) === 'index.html') {
    context.announce();
    return send(response, 403, 'text/plain', sessionEndedText(context.options));
  }
  try {
    const content = await readFile(file);
    response.writeHead(200, pageHeaders(file));
    response.end(content);
  } catch {
    send(response, 404, 'text/plain', 'Not found');
  }
}

function pageHeaders(file: string): Record<string, string> {
  return {
    'content-type': mimeTypeOf(file),
    'content-security-policy': browserCsp,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  };
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
