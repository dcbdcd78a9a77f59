/** The two loopback HTTP servers (login origin, My Domain origin) and the per-request pipeline. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Ctx, OriginKind } from './context';
import { handleControl } from './control';
import type { Emulator } from './emulator';
import { display, restError, type EmuResponse } from './http';
import { sniffSoapOperation } from './soap';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function write(res: ServerResponse, r: EmuResponse): void {
  res.writeHead(r.status, r.headers);
  res.end(r.status === 204 ? undefined : r.body);
}

function faultResponse(respond: { status: number; body?: unknown; contentType?: string | undefined }): EmuResponse {
  const isText = typeof respond.body === 'string';
  const contentType = respond.contentType ?? (isText ? 'text/plain;charset=UTF-8' : 'application/json;charset=UTF-8');
  const body = respond.body === undefined ? '' : display(respond.body);
  return { status: respond.status, headers: { 'content-type': contentType }, body };
}

/**
 * Salesforce answers a path with repeated slashes as if they were one (fact REST-PATHS: the CLI sends
 * `//services/data/...` after `sf org login access-token`). Collapsed before parsing, or `//services`
 * would read as a host name. The query string is left alone.
 */
export function collapseSlashes(target: string): string {
  return target.replace(/^[^?]*/, (path) => path.replace(/\/{2,}/g, '/'));
}

async function handle(emu: Emulator, origin: OriginKind, base: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const body = await readBody(req);
  const url = new URL(collapseSlashes(req.url ?? '/'), base);
  const method = (req.method ?? 'GET').toUpperCase();
  const ctx: Ctx = { org: emu.org, origin, method, url, headers: req.headers, body };
  if (url.pathname.startsWith('/__emulator/')) return write(res, handleControl(emu, ctx));
  const started = Date.now();
  const soapOperation = url.pathname.startsWith('/services/Soap/') ? sniffSoapOperation(body) : undefined;
  if (soapOperation) ctx.soapOperation = soapOperation;
  if (emu.latencyMs > 0) await sleep(emu.latencyMs);
  const respond = emu.faults.take({ method, path: url.pathname, soapOperation });
  let response: EmuResponse;
  if (respond && 'drop' in respond) {
    logRequest(emu, ctx, 0, started);
    req.socket.destroy();
    return;
  }
  if (respond && 'delayMs' in respond) await sleep(respond.delayMs);
  if (respond && 'status' in respond) response = faultResponse(respond);
  else response = safeRoute(emu, ctx);
  logRequest(emu, ctx, response.status, started);
  write(res, response);
}

function safeRoute(emu: Emulator, ctx: Ctx): EmuResponse {
  try {
    return emu.route(ctx);
  } catch (e) {
    console.error('[salesforce-emulator] internal error', e);
    return restError(
      500,
      'UNKNOWN_EXCEPTION',
      'An unexpected error occurred. Please include this ErrorId if you contact support: emulator',
    );
  }
}

function logRequest(emu: Emulator, ctx: Ctx, status: number, started: number): void {
  emu.log.push({
    at: new Date(emu.org.now()).toISOString(),
    origin: ctx.origin,
    method: ctx.method,
    path: ctx.url.pathname,
    ...(ctx.soapOperation ? { soapOperation: ctx.soapOperation } : {}),
    status,
    durationMs: Date.now() - started,
    ...(emu.logBodies ? { search: ctx.url.search, body: ctx.body } : {}),
  });
}

export interface Listening {
  server: Server;
  url: string;
}

export async function listen(emu: Emulator, origin: OriginKind, port: number): Promise<Listening> {
  let base = '';
  const server = createServer((req, res) => {
    handle(emu, origin, base, req, res).catch((e: unknown) => {
      console.error('[salesforce-emulator] request failed', e);
      if (!res.headersSent) write(res, restError(500, 'UNKNOWN_EXCEPTION', 'An unexpected error occurred.'));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const addr = server.address() as AddressInfo;
  base = `http://127.0.0.1:${addr.port}`;
  return { server, url: base };
}

export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });
}
