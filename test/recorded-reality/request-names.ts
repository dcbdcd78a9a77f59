/**
 * The schema names a client's requests use, read from the emulator's request log (with `logBodies`):
 * sObjects and fields of SOQL queries, record reads and writes (direct, Composite, collections), and
 * Metadata types and elements of Metadata SOAP calls.
 */
import type { RequestLogEntry } from '../../packages/salesforce-emulator/index';

export interface NameUse {
  kind: 'object' | 'field' | 'value' | 'metadataType' | 'metadataElement';
  /** `Object`, `Object.Field`, `Object.Rel.Field`, `Object.Field=value` (a string written), `Type` or `Type.element`. */
  name: string;
  /** The field is written (create or update), not only read. */
  write?: 'create' | 'update';
  where: string;
}

const SOQL_WORDS = new Set([
  'and',
  'or',
  'not',
  'null',
  'true',
  'false',
  'in',
  'like',
  'asc',
  'desc',
  'nulls',
  'first',
  'last',
  'limit',
  'offset',
]);

/** Field paths of one SELECT (no nested SELECT left in it). */
function flatSoql(soql: string, where: string, out: NameUse[]): void {
  const m = /^\s*SELECT\s+(.*?)\s+FROM\s+(\w+)(.*)$/is.exec(soql);
  if (!m) return;
  const [, select = '', object = '', rest = ''] = m;
  out.push({ kind: 'object', name: object, where });
  const paths: string[] = [];
  for (const item of select.split(',')) {
    const inner = /\(\s*([\w.]*)\s*\)/.exec(item);
    const path = (inner ? inner[1] : item.trim().split(/\s+/)[0]) ?? '';
    if (path) paths.push(path);
  }
  const clause = rest.replace(/'(?:[^'\\]|\\.)*'/g, "''");
  for (const cm of clause.matchAll(/([A-Za-z_][\w.]*)\s*(?:=|!=|<>|<=|>=|<|>|\s(?:not\s+)?in\b|\slike\b)/gi)) paths.push(cm[1] ?? '');
  const order = /order\s+by\s+(.*?)(?:\s+limit\b|\s+offset\b|$)/is.exec(clause);
  for (const o of order?.[1]?.split(',') ?? []) paths.push(o.trim().split(/\s+/)[0] ?? '');
  for (const p of paths) {
    if (!p || SOQL_WORDS.has(p.toLowerCase()) || /^\d/.test(p) || p.includes('__PLACEHOLDER')) continue;
    const rel = p.split('.')[0]?.toLowerCase() === object.toLowerCase() ? p.split('.').slice(1).join('.') : p;
    out.push({ kind: 'field', name: `${object}.${rel}`, where });
  }
}

export function soqlNames(soql: string, where: string): NameUse[] {
  const out: NameUse[] = [];
  let text = soql;
  // Innermost nested SELECTs first, each replaced by a placeholder its outer query ignores.
  for (;;) {
    const inner = /\(\s*(SELECT\s[^()]*(?:\([^()]*\)[^()]*)*)\)/i.exec(text);
    if (!inner) break;
    flatSoql(inner[1] ?? '', where, out);
    text = text.replace(inner[0], '(__PLACEHOLDER)');
  }
  flatSoql(text, where, out);
  return out;
}

function recordFields(object: string, body: unknown, write: 'create' | 'update', where: string): NameUse[] {
  if (!body || typeof body !== 'object') return [];
  const out: NameUse[] = [{ kind: 'object', name: object, where }];
  for (const [k, v] of Object.entries(body)) {
    if (k === 'attributes') continue;
    out.push({ kind: 'field', name: `${object}.${k}`, write, where });
    if (typeof v === 'string') out.push({ kind: 'value', name: `${object}.${k}=${v}`, where });
  }
  return out;
}

/** One REST call: its path below /services/data/vXX.X, its query string and its body. */
function restNames(method: string, path: string, search: string, body: unknown, where: string): NameUse[] {
  const rest = path.replace(/^\/services\/data\/v\d+\.\d/, '');
  const params = new URLSearchParams(search);
  if (/^\/query(All)?\/?$/.test(rest)) return soqlNames(params.get('q') ?? '', where);
  if (rest === '/composite') return compositeNames(body, where);
  if (rest === '/composite/sobjects') {
    const records = (body as { records?: { attributes?: { type?: string } }[] } | undefined)?.records ?? [];
    return records.flatMap((r) => recordFields(r.attributes?.type ?? '?', r, method === 'POST' ? 'create' : 'update', where));
  }
  const m = /^\/sobjects\/(\w+)(?:\/(\w+))?(?:\/(describe))?\/?$/.exec(rest);
  if (!m) return [];
  const [, object = '', id, describe] = m;
  const out: NameUse[] = [{ kind: 'object', name: object, where }];
  if (describe) return out;
  if (method === 'POST' && !id) return recordFields(object, body, 'create', where);
  if (method === 'PATCH' && id) return recordFields(object, body, 'update', where);
  for (const f of (params.get('fields') ?? '').split(',').filter(Boolean))
    out.push({ kind: 'field', name: `${object}.${f.trim()}`, where });
  return out;
}

function compositeNames(body: unknown, where: string): NameUse[] {
  const subs = (body as { compositeRequest?: { method: string; url: string; body?: unknown }[] } | undefined)?.compositeRequest ?? [];
  return subs.flatMap((s) => {
    const url = new URL(s.url, 'http://composite.invalid');
    return restNames(
      s.method.toUpperCase(),
      decodeURIComponent(url.pathname),
      url.search,
      s.body,
      `${where} > ${s.method} ${url.pathname}`,
    );
  });
}

/** `<metadata xsi:type="T">…</metadata>` blocks: the type and its direct child elements. */
function metadataNames(xml: string, where: string): NameUse[] {
  const out: NameUse[] = [];
  for (const block of xml.matchAll(/<(?:\w+:)?metadata\b[^>]*xsi:type="(?:\w+:)?(\w+)"[^>]*>([\s\S]*?)<\/(?:\w+:)?metadata>/g)) {
    const [, type = '', inner = ''] = block;
    out.push({ kind: 'metadataType', name: type, where });
    const depthless = inner.replace(/<(\w+)\b[^>]*>(?:(?!<\1\b)[\s\S])*?<\/\1>/g, (whole, tag: string) => `<${tag}/>`);
    for (const el of depthless.matchAll(/<(\w+)\/>/g)) out.push({ kind: 'metadataElement', name: `${type}.${el[1] ?? ''}`, where });
  }
  for (const t of xml.matchAll(/<(?:\w+:)?(?:type|metadataType)>(\w+)<\/(?:\w+:)?(?:type|metadataType)>/g))
    out.push({ kind: 'metadataType', name: t[1] ?? '', where });
  return out;
}

export function requestNames(log: RequestLogEntry[]): NameUse[] {
  return log.flatMap((r) => {
    const where = `${r.method} ${r.path}`;
    if (r.path.startsWith('/services/Soap/m/')) return metadataNames(r.body ?? '', `${where} ${r.soapOperation ?? ''}`);
    if (!r.path.startsWith('/services/data/')) return [];
    let body: unknown;
    try {
      body = r.body ? (JSON.parse(r.body) as unknown) : undefined;
    } catch {
      body = undefined;
    }
    return restNames(r.method, r.path, r.search ?? '', body, where);
  });
}
