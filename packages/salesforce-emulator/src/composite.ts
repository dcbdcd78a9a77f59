/**
 * Composite (fact COMPOSITE-LIMITS): up to 25 subrequests, at most 5 of them collections or queries, `@{ref.path}`
 * references to earlier results, allOrNone rollback with PROCESSING_HALTED for the others, and
 * collation (fact COMPOSITE-ORDER): unless the body says `collateSubrequests: false`, subrequests
 * that don't reference each other may run in another order than sent.
 */
import { display, isRecord, json, restError, type EmuResponse } from './http';
import type { RestRequest, RestRouter } from './rest-request';

export const COMPOSITE_LIMIT = 25;
export const COMPOSITE_HEAVY_LIMIT = 5;

interface SubRequest {
  method: string;
  url: string;
  referenceId: string;
  body?: unknown;
}
interface SubResponse {
  body: unknown;
  httpHeaders: Record<string, string>;
  httpStatusCode: number;
  referenceId: string;
}

const HALTED = [
  { errorCode: 'PROCESSING_HALTED', message: 'The transaction was rolled back since another operation in the same transaction failed.' },
];

function parseSubRequests(raw: unknown): SubRequest[] | string {
  if (!Array.isArray(raw)) return 'compositeRequest: expected an array';
  const out: SubRequest[] = [];
  for (const r of raw) {
    if (!isRecord(r) || typeof r.method !== 'string' || typeof r.url !== 'string' || typeof r.referenceId !== 'string') {
      return 'Each subrequest needs method, url and referenceId';
    }
    out.push({ method: r.method.toUpperCase(), url: r.url, referenceId: r.referenceId, ...(r.body !== undefined ? { body: r.body } : {}) });
  }
  return out;
}

function isHeavy(sub: SubRequest): boolean {
  return /\/composite\/sobjects/.test(sub.url) || /\/(query|queryAll)(\/|\?|$)/.test(sub.url);
}

export function handleComposite(req: RestRequest, route: RestRouter): EmuResponse {
  if (req.nested) return restError(400, 'INVALID_API_INPUT', 'Composite requests cannot be nested');
  const body = isRecord(req.body) ? req.body : {};
  const subs = parseSubRequests(body.compositeRequest);
  if (typeof subs === 'string') return restError(400, 'JSON_PARSER_ERROR', subs);
  if (subs.length > COMPOSITE_LIMIT) {
    return restError(400, 'LIMIT_EXCEEDED', `Composite requests can't have more than ${COMPOSITE_LIMIT} subrequests`);
  }
  if (subs.filter(isHeavy).length > COMPOSITE_HEAVY_LIMIT) {
    return restError(
      400,
      'LIMIT_EXCEEDED',
      `Composite requests can't have more than ${COMPOSITE_HEAVY_LIMIT} sObject Collections or query subrequests`,
    );
  }
  if (body.collateSubrequests !== undefined && typeof body.collateSubrequests !== 'boolean') {
    return restError(400, 'JSON_PARSER_ERROR', 'collateSubrequests: expected a boolean');
  }
  const collated = req.org.switches.compositeOrder === 'collated' && body.collateSubrequests !== false;
  const allOrNone = body.allOrNone === true;
  const snapshot = allOrNone ? req.org.store.snapshot() : undefined;
  const results = new Map<string, unknown>();
  // Responses are listed in the order sent, whatever order the subrequests ran in.
  const responses: SubResponse[] = new Array<SubResponse>(subs.length);
  let failed = false;
  for (const index of collated ? collatedOrder(req, subs) : subs.map((_, i) => i)) {
    const sub = subs[index];
    if (!sub) continue;
    if (failed && allOrNone) {
      responses[index] = { body: HALTED, httpHeaders: {}, httpStatusCode: 400, referenceId: sub.referenceId };
      continue;
    }
    const res = runSub(req, sub, results, route);
    responses[index] = res;
    if (res.httpStatusCode >= 400) failed = true;
    else results.set(sub.referenceId, res.body);
  }
  if (failed && snapshot) {
    req.org.store.restore(snapshot);
    req.org.refreshDerived();
    for (const r of responses) if (r.httpStatusCode < 400) Object.assign(r, { body: HALTED, httpHeaders: {}, httpStatusCode: 400 });
  }
  return json(200, { compositeResponse: responses });
}

/**
 * A deterministic, adversarial stand-in for Salesforce's collation: a subrequest runs after every
 * earlier one it references (`@{ref...}`); among those free to run, the ones bulkified together
 * (same sObject type) run side by side, types in alphabetical order, so any order the sender relied
 * on without a reference is likely to break, as it may on a real org.
 */
function collatedOrder(req: RestRequest, subs: SubRequest[]): number[] {
  const depth: number[] = [];
  subs.forEach((sub, i) => {
    const refs = referencedIds(sub);
    const earlier = subs.slice(0, i).flatMap((other, j) => (refs.has(other.referenceId) ? [depth[j] ?? 0] : []));
    depth.push(earlier.length > 0 ? Math.max(...earlier) + 1 : 0);
  });
  const types = subs.map((sub) => sobjectTypeOf(req, sub));
  return subs.map((_, i) => i).sort((a, b) => (depth[a] ?? 0) - (depth[b] ?? 0) || (types[a] ?? '').localeCompare(types[b] ?? '') || a - b);
}

function referencedIds(sub: SubRequest): Set<string> {
  const text = `${sub.url} ${JSON.stringify(sub.body ?? null)}`;
  return new Set([...text.matchAll(/@\{([^}.[\]]+)/g)].map((m) => m[1] ?? ''));
}

/** The sObject a subrequest writes or reads: from its URL, its collection records, or the first id it deletes. */
function sobjectTypeOf(req: RestRequest, sub: SubRequest): string {
  const path = /^[^?]*/.exec(sub.url)?.[0] ?? '';
  const named = /\/sobjects\/([^/]+)/.exec(path.replace(/\/composite\/sobjects(?=\/|$)/, '/sobjects'))?.[1];
  if (named) return named;
  if (!/\/composite\/sobjects$/.test(path)) return '';
  const records = isRecord(sub.body) && Array.isArray(sub.body.records) ? sub.body.records : [];
  const first: unknown = records[0];
  const type = isRecord(first) && isRecord(first.attributes) ? first.attributes.type : undefined;
  if (typeof type === 'string') return type;
  const firstId = new URLSearchParams(sub.url.split('?')[1] ?? '').get('ids')?.split(',')[0] ?? '';
  return req.org.store.findById(firstId)?.def.name ?? '';
}

function runSub(req: RestRequest, sub: SubRequest, results: Map<string, unknown>, route: RestRouter): SubResponse {
  const base = { referenceId: sub.referenceId, httpHeaders: {} };
  let url: string;
  let body: unknown;
  try {
    url = substitute(sub.url, results, true);
    body = substituteDeep(sub.body, results);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    return { ...base, httpStatusCode: 400, body: [{ errorCode: 'PROCESSING_HALTED', message }] };
  }
  const m = /^\/services\/data\/v(\d+\.\d)(\/[^?]*)?(?:\?(.*))?$/.exec(url);
  if (!m) return { ...base, httpStatusCode: 404, body: [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }] };
  const res = route({
    ...req,
    method: sub.method,
    path: m[2] ?? '',
    version: m[1] ?? req.version,
    query: new URLSearchParams(m[3] ?? ''),
    body,
    nested: true,
  });
  const parsed: unknown = res.body ? JSON.parse(res.body) : null;
  const headers: Record<string, string> = {};
  if (res.status === 201 && isRecord(parsed) && typeof parsed.id === 'string') {
    headers.Location = `/services/data/v${m[1] ?? req.version}${m[2] ?? ''}/${parsed.id}`;
  }
  return { ...base, httpHeaders: headers, httpStatusCode: res.status, body: parsed };
}

/** Resolves `@{ref.a.b[0].c}` against earlier subrequest bodies. */
function substitute(value: string, results: Map<string, unknown>, encode: boolean): string {
  return value.replace(/@\{([^}]+)\}/g, (_, expr: string) => {
    const [refId, ...rest] = expr.split('.');
    if (!refId || !results.has(refId)) {
      throw new Error(
        `Invalid reference specified. No value for ${expr} found in ${refId ?? ''}. Provided referenceId ('${refId ?? ''}') refers to a subrequest that failed or does not exist.`,
      );
    }
    let cur: unknown = results.get(refId);
    for (const part of rest
      .join('.')
      .split(/\.|(?=\[)/)
      .filter(Boolean)) {
      const idx = /^\[(\d+)\]$/.exec(part);
      if (idx) cur = Array.isArray(cur) ? cur[Number(idx[1])] : undefined;
      else {
        const m = /^([^[]+)((?:\[\d+\])*)$/.exec(part);
        cur = isRecord(cur) ? cur[m?.[1] ?? part] : undefined;
        for (const i of (m?.[2] ?? '').match(/\d+/g) ?? []) cur = Array.isArray(cur) ? cur[Number(i)] : undefined;
      }
    }
    if (cur === undefined || cur === null || typeof cur === 'object') {
      throw new Error(`Invalid reference specified. No value for ${expr} found in ${refId}.`);
    }
    const s = display(cur);
    return encode ? encodeURIComponent(s) : s;
  });
}

function substituteDeep(value: unknown, results: Map<string, unknown>): unknown {
  if (typeof value === 'string') return substitute(value, results, false);
  if (Array.isArray(value)) return value.map((v) => substituteDeep(v, results));
  if (isRecord(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, substituteDeep(v, results)]));
  return value;
}
