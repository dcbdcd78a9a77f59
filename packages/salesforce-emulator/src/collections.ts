/**
 * sObject Collections (facts COMPOSITE-LIMITS, COLLECTIONS-PER-RECORD): create / update / delete up to 200 records, per-record results with
 * `statusCode`, one setup object type per call, allOrNone rollback; plus the retrieve variant.
 */
import { deleteRecord, insertRecord, updateRecord } from './dml';
import { DmlError } from './errors';
import { isRecord, json, restError, type EmuResponse } from './http';
import { shapeForRead, visibleObject, type RestRequest } from './rest-request';
import type { ObjectDef } from './schema';
import { unsupportedTypeMessage } from './soql';

export const COLLECTION_LIMIT = 200;

interface ItemError {
  statusCode: string;
  message: string;
  fields: string[];
}
interface ItemResult {
  id?: string;
  success: boolean;
  errors: ItemError[];
}

const ROLLED_BACK: ItemError = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [],
};

function failure(e: unknown, id?: string): ItemResult {
  if (!(e instanceof DmlError)) throw e;
  const r: ItemResult = { success: false, errors: [{ statusCode: e.statusCode, message: e.message, fields: e.fields }] };
  if (id) r.id = id;
  return r;
}

function limitError(): EmuResponse {
  return restError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${COLLECTION_LIMIT} records into this call`);
}

export function handleCollections(req: RestRequest): EmuResponse {
  if (req.method === 'DELETE') return deleteCollection(req);
  if (req.method !== 'POST' && req.method !== 'PATCH') {
    return restError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are DELETE,PATCH,POST`);
  }
  const body = isRecord(req.body) ? req.body : {};
  const records = Array.isArray(body.records) ? body.records : undefined;
  if (!records) return restError(400, 'JSON_PARSER_ERROR', 'records: expected an array of sObjects');
  if (records.length > COLLECTION_LIMIT) return limitError();
  const allOrNone = body.allOrNone === true;
  return runAll(
    req,
    allOrNone,
    records.map((rec) => () => writeOne(req, rec, records)),
  );
}

/** Runs each operation; with allOrNone a single failure restores the store and marks the rest rolled back. */
function runAll(req: RestRequest, allOrNone: boolean, ops: (() => ItemResult)[]): EmuResponse {
  const snapshot = allOrNone ? req.org.store.snapshot() : undefined;
  const results = ops.map((op) => op());
  if (snapshot && results.some((r) => !r.success)) {
    req.org.store.restore(snapshot);
    req.org.refreshDerived();
    return json(
      200,
      results.map((r) => (r.success ? { ...(r.id ? { id: r.id } : {}), success: false, errors: [ROLLED_BACK] } : r)),
    );
  }
  return json(200, results);
}

function recordType(rec: unknown): string | undefined {
  if (!isRecord(rec) || !isRecord(rec.attributes)) return undefined;
  return typeof rec.attributes.type === 'string' ? rec.attributes.type : undefined;
}

/** Setup objects can't share a call with another object type (fact COLLECTIONS-MIXED-DELETE). */
function mixedDml(req: RestRequest, def: ObjectDef, firstType: string): DmlError | undefined {
  const first = req.org.store.object(firstType);
  if (!first || first.name === def.name || (!first.setup && !def.setup)) return undefined;
  return new DmlError(
    'MIXED_DML_OPERATION',
    `DML operation on setup object is not permitted after you have updated a non-setup object (or vice versa): ${def.name}, original object: ${first.name}`,
  );
}

function writeOne(req: RestRequest, rec: unknown, all: unknown[]): ItemResult {
  const type = recordType(rec);
  const input = isRecord(rec) ? rec : {};
  const id = typeof input.Id === 'string' ? input.Id : typeof input.id === 'string' ? input.id : undefined;
  try {
    if (!type) throw new DmlError('INVALID_TYPE', 'Must send a concrete entity type.');
    const def = visibleObject(req, type);
    if (!def) throw new DmlError('INVALID_TYPE', unsupportedTypeMessage(type));
    const mixed = mixedDml(req, def, recordType(all[0]) ?? '');
    if (mixed) throw mixed;
    if (req.method === 'POST') {
      if (id) throw new DmlError('INVALID_FIELD', 'cannot specify Id in an insert call', ['Id']);
      return { id: insertRecord(req.org, req.principal, def, input), success: true, errors: [] };
    }
    if (!id) throw new DmlError('MISSING_ARGUMENT', 'Id not specified in an update call', ['Id']);
    updateRecord(req.org, req.principal, def, id, input);
    return { id, success: true, errors: [] };
  } catch (e) {
    return failure(notFoundAsEntity(e), id);
  }
}

/** Inside collections a missing record is reported the SOAP way, not as an HTTP 404. */
function notFoundAsEntity(e: unknown): unknown {
  if (e instanceof DmlError && e.statusCode === 'NOT_FOUND') return new DmlError('ENTITY_IS_DELETED', 'entity is deleted', []);
  if (e instanceof DmlError && e.statusCode === 'METHOD_NOT_ALLOWED')
    return new DmlError('INVALID_TYPE_FOR_OPERATION', 'entity type User does not support delete');
  return e;
}

function deleteCollection(req: RestRequest): EmuResponse {
  const ids = (req.query.get('ids') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!ids.length) return restError(400, 'MISSING_ARGUMENT', 'ids: missing required parameter');
  if (ids.length > COLLECTION_LIMIT) return limitError();
  const allOrNone = req.query.get('allOrNone') === 'true';
  const firstType = ids.map((id) => req.org.store.findById(id)?.def.name).find(Boolean) ?? '';
  return runAll(
    req,
    allOrNone,
    ids.map((id) => () => {
      try {
        const found = req.org.store.findById(id);
        const def = found ? visibleObject(req, found.def.name) : undefined;
        if (!def)
          throw new DmlError(
            /^[a-zA-Z0-9]{15,18}$/.test(id) ? 'ENTITY_IS_DELETED' : 'MALFORMED_ID',
            /^[a-zA-Z0-9]{15,18}$/.test(id) ? 'entity is deleted' : `malformed id ${id}`,
          );
        const mixed = mixedDml(req, def, firstType);
        if (mixed) throw mixed;
        deleteRecord(req.org, req.principal, def, id);
        return { id, success: true, errors: [] };
      } catch (e) {
        return failure(notFoundAsEntity(e), id);
      }
    }),
  );
}

export function handleRetrieveCollection(req: RestRequest, type: string): EmuResponse {
  const def = visibleObject(req, type);
  if (!def) return restError(404, 'NOT_FOUND', 'The requested resource does not exist');
  let ids: string[];
  let fields: string[];
  if (req.method === 'GET') {
    ids = (req.query.get('ids') ?? '').split(',').filter(Boolean);
    fields = (req.query.get('fields') ?? '').split(',').filter(Boolean);
  } else if (req.method === 'POST' && isRecord(req.body)) {
    ids = Array.isArray(req.body.ids) ? req.body.ids.map(String) : [];
    fields = Array.isArray(req.body.fields) ? req.body.fields.map(String) : [];
  } else {
    return restError(405, 'METHOD_NOT_ALLOWED', `HTTP Method '${req.method}' not allowed. Allowed are GET,POST`);
  }
  if (ids.length > 2000) return limitError();
  if (!fields.length) return restError(400, 'MISSING_ARGUMENT', 'fields: missing required parameter');
  return json(
    200,
    ids.map((id) => shapeForRead(req, def, id, fields) ?? null),
  );
}
