import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { SESSION_HEADER, SESSION_PROTOCOL_PREFIX } from '../../common/browser-session';

export const DEFAULT_IDLE_MS = 30 * 60_000;
export const DEFAULT_TOKEN_MS = 5 * 60_000;

export interface SessionGateOptions {
  /** This server's own origin, known once it listens. */
  origin: () => string;
  /** A session no request has used for this long has ended. */
  idleMs?: number;
  /** A one-time link not opened within this long no longer works. */
  tokenMs?: number;
  now?: () => number;
}

/**
 * Browser mode's credentials: a one-time token printed in the start URL, redeemed for a secret that
 * only the page it opens holds, in memory. No cookie: browsers share cookies across every port of
 * 127.0.0.1, so any local process could read or plant one. Host and Origin must also be this server's
 * own loopback address, so a web page elsewhere (or DNS rebinding) cannot drive the API.
 */
export interface SessionGate {
  issueToken(): string;
  /** How long a one-time token has left; 0 once used or expired. */
  tokenTimeLeft(token: string): number;
  /** Consumes an unexpired one-time token; returns the new session's secret for the page, or null. */
  redeem(token: string): string | null;
  /**
   * The live session whose secret the request presents (API header or socket subprotocol), or null.
   * Counts as activity, so the session's idle time starts again.
   */
  sessionOf(request: IncomingMessage): string | null;
  isLive(session: string): boolean;
  end(session: string): void;
  /** Forgets idle sessions and expired tokens; returns the sessions that ended just now. */
  sweep(): string[];
  isOwnHost(request: IncomingMessage): boolean;
  /** Absent Origin is allowed only where browsers omit it (plain navigations); API calls require it. */
  isOwnOrigin(request: IncomingMessage, required: boolean): boolean;
}

export function createSessionGate(options: SessionGateOptions): SessionGate {
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const tokenMs = options.tokenMs ?? DEFAULT_TOKEN_MS;
  const now = options.now ?? Date.now;
  const tokens = new Map<string, number>(); // token -> expires at
  const sessions = new Map<string, number>(); // secret -> last used at
  const secret = () => randomBytes(32).toString('base64url');
  const liveToken = (token: string) => find(tokens, token, (expiresAt) => expiresAt > now());
  const liveSession = (presented: string) => find(sessions, presented, (lastUsed) => now() - lastUsed < idleMs);

  return {
    issueToken() {
      const token = secret();
      tokens.set(token, now() + tokenMs);
      return token;
    },
    tokenTimeLeft(token) {
      const found = liveToken(token);
      return found === null ? 0 : (tokens.get(found) ?? 0) - now();
    },
    redeem(token) {
      const found = liveToken(token);
      if (found === null) return null;
      tokens.delete(found);
      const session = secret();
      sessions.set(session, now());
      return session;
    },
    sessionOf(request) {
      for (const presented of presentedSecrets(request)) {
        const found = liveSession(presented);
        if (found !== null) {
          sessions.set(found, now());
          return found;
        }
      }
      return null;
    },
    isLive: (session) => liveSession(session) !== null,
    end(session) {
      const found = find(sessions, session, () => true);
      if (found !== null) sessions.delete(found);
    },
    sweep() {
      for (const [token, expiresAt] of tokens) if (expiresAt <= now()) tokens.delete(token);
      const ended = [...sessions].filter(([, lastUsed]) => now() - lastUsed >= idleMs).map(([session]) => session);
      for (const session of ended) sessions.delete(session);
      return ended;
    },
    isOwnHost: (request) => request.headers.host === new URL(options.origin()).host,
    isOwnOrigin(request, required) {
      const header = request.headers.origin;
      return header === undefined ? !required : header === options.origin();
    },
  };
}

/** Compares against every stored key in constant time per key, so timing reveals no prefix of one. */
function find<V>(entries: Map<string, V>, presented: string, live: (value: V) => boolean): string | null {
  let match: string | null = null;
  for (const [key, value] of entries) {
    if (safeEqual(key, presented) && live(value)) match = key;
  }
  return match;
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Every secret a request offers: the API header, or each session subprotocol a socket offers. */
function presentedSecrets(request: IncomingMessage): string[] {
  const header = request.headers[SESSION_HEADER];
  const protocols = (request.headers['sec-websocket-protocol'] ?? '')
    .split(',')
    .map((protocol) => protocol.trim())
    .filter((protocol) => protocol.startsWith(SESSION_PROTOCOL_PREFIX))
    .map((protocol) => protocol.slice(SESSION_PROTOCOL_PREFIX.length));
  return [...(typeof header === 'string' ? [header] : []), ...protocols];
}
