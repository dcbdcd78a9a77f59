import type { RequestLogEntry } from '../packages/salesforce-emulator/index';

type LoggedRequest = Pick<RequestLogEntry, 'method' | 'path' | 'soapOperation'> & Partial<Pick<RequestLogEntry, 'status' | 'durationMs'>>;

export const TOKEN_GRANT = 'token grant';

/** What one logged request was, in words the table can show (e.g. `composite`, `metadata createMetadata`). */
export function requestKind(request: LoggedRequest): string {
  const { path, method } = request;
  if (path.endsWith('/services/oauth2/token')) return TOKEN_GRANT;
  if (path.startsWith('/services/oauth2/')) return `oauth ${path.slice('/services/oauth2/'.length)}`;
  if (path.startsWith('/services/Soap/m/')) return `metadata ${request.soapOperation ?? 'call'}`;
  if (path.startsWith('/services/Soap/')) return `soap ${request.soapOperation ?? 'call'}`;
  const rest = /^\/services\/data\/v[\d.]+(\/.*)?$/.exec(path)?.[1] ?? '';
  if (!path.startsWith('/services/data/')) return 'other';
  if (rest === '/composite') return 'composite';
  if (rest.startsWith('/composite/sobjects')) return 'collections';
  if (rest.startsWith('/query')) return 'query';
  if (rest === '/sobjects') return 'describe global';
  if (/^\/sobjects\/[^/]+\/describe$/.test(rest)) return 'describe';
  if (rest.startsWith('/sobjects/')) return `sobject ${method}`;
  return 'other';
}

export interface RequestCount {
  /** Salesforce API requests, token grants (activation polling) not included. */
  salesforce: number;
  /** Requests to the token endpoint: activation polling and any other grant. */
  tokenGrants: number;
  /** Requests answered with HTTP 400 or worse (all kinds). */
  failed: number;
  /** Salesforce requests by kind, token grants aside. */
  byKind: Record<string, number>;
  /** Time the org spent answering the Salesforce requests, latency included (sum of durations). */
  orgMs: number;
  /** The same by kind: which requests the time went to. */
  orgMsByKind: Record<string, number>;
}

export function countRequests(requests: readonly LoggedRequest[]): RequestCount {
  const count: RequestCount = { salesforce: 0, tokenGrants: 0, failed: 0, byKind: {}, orgMs: 0, orgMsByKind: {} };
  for (const request of requests) {
    const kind = requestKind(request);
    if ((request.status ?? 200) >= 400) count.failed++;
    if (kind === TOKEN_GRANT) {
      count.tokenGrants++;
      continue;
    }
    count.salesforce++;
    count.byKind[kind] = (count.byKind[kind] ?? 0) + 1;
    count.orgMs += request.durationMs ?? 0;
    count.orgMsByKind[kind] = (count.orgMsByKind[kind] ?? 0) + (request.durationMs ?? 0);
  }
  return count;
}

/** `composite ×6, metadata createMetadata ×4, ...`, most frequent first. */
export function kindSummary(byKind: Record<string, number>): string {
  return Object.entries(byKind)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([kind, n]) => `${kind} ×${n}`)
    .join(', ');
}
