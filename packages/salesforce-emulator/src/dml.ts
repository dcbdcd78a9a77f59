/**
 * Insert / update / delete with the checks every object shares: object and field access, field
 * existence, types, references and required fields. Object-specific rules live in rules.ts.
 */
import { DmlError } from './errors';
import { display } from './http';
import { newId, isIdShape } from './ids';
import type { Org } from './org';
import { reserveUsername } from './registry';
import { afterDelete, beforeDelete, beforeInsert, beforeUpdate } from './rules';
import { findField, type FieldDef, type ObjectDef } from './schema';
import { canEditField, canWriteObject, type Principal } from './security';
import { str, type SRecord, type Value } from './store';

export { DmlError };

export const NOT_FOUND_MESSAGE = 'The requested resource does not exist';
const ACCESS_MESSAGE = 'insufficient access rights on object id';

export function insertRecord(org: Org, p: Principal, def: ObjectDef, input: Record<string, unknown>): string {
  if (!def.createable) throw new DmlError('INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support insert`);
  if (!canWriteObject(org, p, def, 'PermissionsCreate')) throw new DmlError('INSUFFICIENT_ACCESS_OR_READONLY', ACCESS_MESSAGE);
  const values = coerceInput(org, p, def, input, 'create');
  const now = org.nowIso();
  const rec: SRecord = {};
  for (const f of def.fields) rec[f.name] = f.type === 'boolean' ? false : null;
  Object.assign(rec, defaultsFor(def), {
    CreatedDate: now,
    LastModifiedDate: now,
    SystemModstamp: now,
    CreatedById: p.userId,
    LastModifiedById: p.userId,
  });
  if ('OwnerId' in rec) rec.OwnerId = p.userId;
  Object.assign(rec, values);
  checkRequired(def, rec);
  beforeInsert(org, def, rec);
  rec.Id = newId(def.keyPrefix);
  org.store.put(def.name, rec);
  if (def.name === 'User') reserveUsername(String(rec.Username), org.orgId);
  org.refreshDerived();
  return rec.Id;
}

export function updateRecord(org: Org, p: Principal, def: ObjectDef, id: string, input: Record<string, unknown>): void {
  const existing = org.store.get(def.name, id);
  if (!existing) throw new DmlError('NOT_FOUND', NOT_FOUND_MESSAGE, [], 404);
  if (!def.updateable) throw new DmlError('INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support update`);
  if (!canWriteObject(org, p, def, 'PermissionsEdit')) throw new DmlError('INSUFFICIENT_ACCESS_OR_READONLY', ACCESS_MESSAGE);
  const values = coerceInput(org, p, def, input, 'update');
  const next: SRecord = {
    ...existing,
    ...values,
    LastModifiedDate: org.nowIso(),
    SystemModstamp: org.nowIso(),
    LastModifiedById: p.userId,
  };
  checkRequired(def, next);
  beforeUpdate(org, def, existing, next);
  Object.assign(existing, next);
  if (def.name === 'User') reserveUsername(String(existing.Username), org.orgId);
  org.refreshDerived();
}

export function deleteRecord(org: Org, p: Principal, def: ObjectDef, id: string): void {
  if (def.name === 'User') {
    // Fact USER-DELETE: users can't be deleted; the exact REST error is unverified (switch).
    if (org.switches.userDeleteError === 'METHOD_NOT_ALLOWED') {
      throw new DmlError('METHOD_NOT_ALLOWED', "HTTP Method 'DELETE' not allowed. Allowed are HEAD,GET,PATCH", [], 405);
    }
    throw new DmlError('INVALID_TYPE_FOR_OPERATION', 'entity type User does not support delete');
  }
  const existing = org.store.get(def.name, id);
  if (!existing) throw new DmlError('NOT_FOUND', NOT_FOUND_MESSAGE, [], 404);
  if (!def.deletable) throw new DmlError('INVALID_TYPE_FOR_OPERATION', `entity type ${def.name} does not support delete`);
  if (!canWriteObject(org, p, def, 'PermissionsDelete')) throw new DmlError('INSUFFICIENT_ACCESS_OR_READONLY', ACCESS_MESSAGE);
  beforeDelete(org, def, existing);
  org.store.remove(def.name, String(existing.Id));
  afterDelete(org, def, existing);
  org.refreshDerived();
}

function defaultsFor(def: ObjectDef): SRecord {
  const d: SRecord = {};
  if (def.name === 'User') d.IsActive = true;
  if (def.name === 'Lead') d.Status = 'Open - Not Contacted';
  if (def.name === 'Task') Object.assign(d, { Status: 'Not Started', Priority: 'Normal' });
  if (def.name === 'PermissionSet') Object.assign(d, { IsOwnedByProfile: false, IsCustom: true, Type: 'Regular' });
  if (def.name === 'PermissionSetAssignment') d.IsActive = true;
  return d;
}

function checkRequired(def: ObjectDef, rec: SRecord): void {
  const missing = def.fields
    .filter(
      (f) =>
        !f.nillable && f.createable && !f.defaultedOnCreate && (rec[f.name] === null || rec[f.name] === undefined || rec[f.name] === ''),
    )
    .map((f) => f.name);
  if (missing.length) throw new DmlError('REQUIRED_FIELD_MISSING', `Required fields are missing: [${missing.join(', ')}]`, missing);
}

/** Validates and converts a JSON body into stored values (unknown, read-only and FLS-hidden fields are errors). */
function coerceInput(org: Org, p: Principal, def: ObjectDef, input: Record<string, unknown>, mode: 'create' | 'update'): SRecord {
  const out: SRecord = {};
  for (const [key, raw] of Object.entries(input)) {
    if (key === 'attributes' || (mode === 'update' && key.toLowerCase() === 'id')) continue;
    const f = findField(def, key);
    if (!f) throw new DmlError('INVALID_FIELD', `No such column '${key}' on sobject of type ${def.name}`, [key]);
    const allowed = mode === 'create' ? f.createable : f.updateable;
    if (!allowed || !canEditField(org, p, def, f)) {
      throw new DmlError(
        'INVALID_FIELD_FOR_INSERT_UPDATE',
        `Unable to create/update fields: ${f.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
        [f.name],
      );
    }
    out[f.name] = coerceValue(org, f, raw);
  }
  return out;
}

function coerceValue(org: Org, f: FieldDef, raw: unknown): Value {
  if (raw === null || raw === undefined) return null;
  switch (f.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      if (raw === 'true' || raw === 'false') return raw === 'true';
      throw new DmlError(
        'JSON_PARSER_ERROR',
        `Cannot deserialize instance of boolean from VALUE_STRING value ${display(raw)} or request may be missing a required field`,
        [],
      );
    case 'int':
    case 'double':
    case 'currency':
    case 'percent': {
      const n = typeof raw === 'number' ? raw : Number(raw);
      if (typeof raw === 'boolean' || Number.isNaN(n))
        throw new DmlError('INVALID_TYPE_ON_FIELD_IN_RECORD', `${f.label}: value not of required type: ${display(raw)}`, [f.name]);
      return n;
    }
    case 'reference':
      return checkReference(org, f, display(raw));
    default:
      if (typeof raw === 'object')
        throw new DmlError(
          'JSON_PARSER_ERROR',
          `Cannot deserialize instance of string from START_OBJECT value { or request may be missing a required field`,
          [],
        );
      return display(raw);
  }
}

function checkReference(org: Org, f: FieldDef, value: string): Value {
  if (value === '') return null;
  if (!isIdShape(value)) throw new DmlError('MALFORMED_ID', `${f.label}: id value of incorrect type: ${value}`, [f.name]);
  const target = org.store.findById(value);
  if (!target || (f.referenceTo.length && !f.referenceTo.includes(target.def.name))) {
    throw new DmlError('INVALID_CROSS_REFERENCE_KEY', 'invalid cross reference id', [f.name]);
  }
  return str(target.rec.Id) ?? value;
}
