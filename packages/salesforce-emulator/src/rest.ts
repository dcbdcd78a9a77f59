/**
 * REST data API under /services/data/vXX.X (facts REST-ERRORS, API-VERSIONS, REST-PATHS): versions, resources, sObject CRUD, describe,
 * query, limits, and dispatch to collections, composite and Connect REST.
 */
import { handleCollections, handleRetrieveCollection } from './collections';
import { handleComposite } from './composite';
import { handleConnect } from './connect';
import type { Ctx } from './context';
import { describeGlobal, describeObject, globalEntry } from './describe';
import { deleteRecord, insertRecord, NOT_FOUND_MESSAGE, updateRecord } from './dml';
import { DmlError } from './errors';
import { isRecord, json, noContent, restError, type EmuResponse } from './http';
import type { Org } from './org';
import { queryColumns } from './query-columns';
import { shapeForRead, visibleObject, type RestRequest } from './rest-request';
import type { ObjectDef } from './schema';
import { runQuery, unsupportedTypeMessage } from './soql';
import { bearerToken, checkSession, identityUrl } from './tokens';
import { RELEASES, VERSIONS } from './versions';

export function handleData(ctx: Ctx): EmuResponse {
  const path = ctx.url.pathname.replace(/\/+$/, '');
  if (path === '/services/data') {
    return json(
      200,
      VERSIONS.map((v) => ({ label: RELEASES[Number(v.split('.')[0])] ?? v, url: `/services/data/v${v}`, version: v })),
    );
  }
  const m = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(path);
  if (!m || !VERSIONS.includes(m[1] ?? '')) return restError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
  const session = checkSession(ctx.org, bearerToken(ctx.headers.authorization));
  if (!session) return restError(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
  ctx.org.apiRequestCount++;
  let body: unknown;
  if (ctx.body.trim()) {
    try {
      body = JSON.parse(ctx.body);
    } catch {
      return restError(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON.');
    }
  }
  return restRequest({
    org: ctx.org,
    principal: session.principal,
    method: ctx.method,
    path: m[2] ?? '',
    version: m[1] ?? '',
    query: ctx.url.searchParams,
    body,
    nested: false,
  });
}

export function restRequest(req: RestRequest): EmuResponse {
  try {
    return route(req);
  } catch (e) {
    if (e instanceof DmlError) return restError(e.httpStatus, e.statusCode, e.message, e.fields);
    throw e;
  }
}

function route(req: RestRequest): EmuResponse {
  const { path, method } = req;
  const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (seg.length === 0) return method === 'GET' ? json(200, resources(req)) : methodNotAllowed(method, 'GET,HEAD');
  switch (seg[0]) {
    case 'sobjects':
      return sobjects(req, seg.slice(1));
    case 'query':
    case 'queryAll':
      if (seg.length > 1) return restError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return method === 'GET' ? query(req) : methodNotAllowed(method, 'GET,HEAD');
    case 'limits':
      return json(200, limits(req.org));
    case 'composite':
      if (seg[1] === 'sobjects' && seg.length === 2) return handleCollections(req);
      if (seg[1] === 'sobjects' && seg.length === 3) return handleRetrieveCollection(req, seg[2] ?? '');
      if (seg.length === 1) return method === 'POST' ? handleComposite(req, restRequest) : methodNotAllowed(method, 'POST');
      break;
    case 'apps':
      return handleConnect(req, seg.slice(1));
    case 'tooling':
      // Only the Tooling API's query; a Composite of the data API does not reach it (the Tooling API has its own).
      if (seg[1] === 'query' && seg.length === 2 && !req.nested)
        return method === 'GET' ? query(req, 'tooling') : methodNotAllowed(method, 'GET,HEAD');
      break;
    default:
  }
  return restError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
}

function methodNotAllowed(method: string, allowed: string): EmuResponse {
  return restError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${method}' not allowed. Allowed are ${allowed}`);
}

function resources(req: RestRequest): Record<string, string> {
  const base = `/services/data/v${req.version}`;
  return {
    tooling: `${base}/tooling`,
    metadata: `${base}/metadata`,
    composite: `${base}/composite`,
    query: `${base}/query`,
    queryAll: `${base}/queryAll`,
    sobjects: `${base}/sobjects`,
    limits: `${base}/limits`,
    apps: `${base}/apps`,
    identity: identityUrl(req.org, req.principal.userId),
  };
}

function sobjects(req: RestRequest, seg: string[]): EmuResponse {
  const { org, principal, method, version } = req;
  if (seg.length === 0) return method === 'GET' ? json(200, describeGlobal(org, principal, version)) : methodNotAllowed(method, 'GET,HEAD');
  const def = visibleObject(req, seg[0] ?? '');
  if (!def) {
    if (seg[1] === 'describe' && org.switches.describeInaccessibleObject === 'INVALID_TYPE') {
      return restError(400, 'INVALID_TYPE', unsupportedTypeMessage(seg[0] ?? ''));
    }
    return restError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
  }
  if (seg.length === 1) {
    if (method === 'GET') return json(200, { objectDescribe: globalEntry(def, version), recentItems: [] });
    if (method !== 'POST') return methodNotAllowed(method, 'GET,HEAD,POST');
    const id = insertRecord(org, principal, def, isRecord(req.body) ? req.body : {});
    return json(201, { id, success: true, errors: [] });
  }
  if (seg[1] === 'describe' && seg.length === 2) {
    return method === 'GET' ? json(200, describeObject(org, principal, def, version)) : methodNotAllowed(method, 'GET,HEAD');
  }
  if (seg.length !== 2) return restError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
  const id = seg[1] ?? '';
  switch (method) {
    case 'GET':
      return retrieve(req, def, id);
    case 'PATCH':
      updateRecord(org, principal, def, id, isRecord(req.body) ? req.body : {});
      return noContent();
    case 'DELETE':
      deleteRecord(org, principal, def, id);
      return noContent();
    default:
      return methodNotAllowed(method, def.name === 'User' ? 'HEAD,GET,PATCH' : 'HEAD,GET,PATCH,DELETE');
  }
}

function retrieve(req: RestRequest, def: ObjectDef, id: string): EmuResponse {
  const fieldsParam = req.query.get('fields');
  const list = fieldsParam
    ? fieldsParam
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;
  const rec = shapeForRead(req, def, id, list);
  return rec ? json(200, rec) : restError(404, 'NOT_FOUND', NOT_FOUND_MESSAGE);
}

function query(req: RestRequest, api: 'data' | 'tooling' = 'data'): EmuResponse {
  const q = req.query.get('q');
  if (!q) return restError(400, 'MALFORMED_QUERY', 'A query string has to be specified');
  if (req.query.get('columns') === 'true') return json(200, queryColumns(req.org, req.principal, q));
  return json(200, runQuery(req.org, req.principal, q, req.version, api));
}

function limits(org: Org): Record<string, { Max: number; Remaining: number }> {
  const daily = 100000;
  return {
    DailyApiRequests: { Max: daily, Remaining: Math.max(0, daily - org.apiRequestCount) },
    DailyAsyncApexExecutions: { Max: 250000, Remaining: 250000 },
    DailyBulkApiBatches: { Max: 15000, Remaining: 15000 },
    DataStorageMB: { Max: 5, Remaining: 5 },
    FileStorageMB: { Max: 20, Remaining: 20 },
    SingleEmail: { Max: 5000, Remaining: 5000 },
  };
}
