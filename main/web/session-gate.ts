import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'agent_connections_session';

/**
 * Browser mode's only credentials: a one-time token printed in the start URL, exchanged for an
 * HttpOnly SameSite=Strict cookie. Host and Origin must be this server's own loopback address, so a
 * web page elsewhere (or DNS rebinding) cannot drive the API.
 */
export interface SessionGate {
  issueToken(): string;
  /** Consumes a one-time token; returns the session id to set as a cookie, or null. */
  redeem(token: string): string | null;
  hasSession(request: IncomingMessage): boolean;
  isOwnHost(request: IncomingMessage): boolean;
  /** Absent Origin is allowed only where browsers omit it (plain navigations); API calls require it. */
  isOwnOrigin(request: IncomingMessage, required: boolean): boolean;
}

export function createSessionGate(origin: () => string): SessionGate {
  const tokens = new Set<string>();
  const sessions = new Set<string>();
  const secret = () => randomBytes(32).toString('base64url');
  return {
    issueToken() {
      const token = secret();
      tokens.add(token);
      return token;
    },
    redeem(token) {
      for (const candidate of tokens) {
        if (safeEqual(candidate, token)) {
          tokens.delete(candidate);
          const session = secret();
          sessions.add(session);
          return session;
        }
      }
      return null;
    },
    hasSession(request) {
      const value = cookieValue(request.headers.cookie, SESSION_COOKIE);
      return value !== undefined && [...sessions].some((s) => safeEqual(s, value));
    },
    isOwnHost: (request) => request.headers.host === new URL(origin()).host,
    isOwnOrigin(request, required) {
      const header = request.headers.origin;
      return header === undefined ? !required : header === origin();
    },
  };
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}
