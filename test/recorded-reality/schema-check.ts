/**
 * Holds the names a client sent (request-names.ts) against the recorded real-org schemas: describes of
 * objects, the FieldPermissions.Field picklist (a restricted list of every field that takes field
 * permissions, so a field a describe hid through field-level security still counts as existing) and
 * the elements of retrieved metadata files.
 */
import type { NameUse } from './request-names';
import { recordedObjects, type RecordedField, type RecordedObject, type Recording } from './recordings';

export interface SchemaCheck {
  /** A name the recorded schema of its object or type does not have. */
  violations: string[];
  /** A name whose object or Metadata type has no recording at all. */
  unrecorded: string[];
}

/** The base Metadata type's own element, on every type. */
const METADATA_BASE_ELEMENTS = new Set(['fullName']);

function picklist(objects: Map<string, RecordedObject>, object: string, field: string): Set<string> {
  return new Set((objects.get(object)?.fields.get(field)?.picklistValues ?? []).map((v) => v.value));
}

interface Resolution {
  field?: RecordedField;
  missing?: string;
  unrecordedObject?: string;
}

function resolvePath(objects: Map<string, RecordedObject>, fieldsWithPermissions: Set<string>, object: string, path: string): Resolution {
  let current = objects.get(object);
  if (!current) return { unrecordedObject: object };
  const parts = path.split('.');
  for (const rel of parts.slice(0, -1)) {
    const ref = [...current.fields.values()].find(
      (f) => (f as { relationshipName?: string }).relationshipName?.toLowerCase() === rel.toLowerCase(),
    );
    const target = (ref as { referenceTo?: string[] } | undefined)?.referenceTo?.[0];
    if (!ref || !target) return { missing: `${current.name}.${rel} (relationship)` };
    const next = objects.get(target);
    if (!next) return { unrecordedObject: target };
    current = next;
  }
  const name = parts[parts.length - 1] ?? '';
  const field = [...current.fields.values()].find((f) => f.name.toLowerCase() === name.toLowerCase());
  if (field) return { field };
  if (fieldsWithPermissions.has(`${current.name}.${name}`)) return {};
  return { missing: `${current.name}.${name}` };
}

function metadataElements(recordings: Recording[]): Map<string, Set<string>> {
  const types = new Map<string, Set<string>>();
  for (const c of recordings.flatMap((r) => r.components ?? [])) {
    const set = types.get(c.type) ?? new Set<string>();
    for (const k of Object.keys(c.elements)) set.add(k);
    types.set(c.type, set);
  }
  return types;
}

function checkField(objects: Map<string, RecordedObject>, fls: Set<string>, use: NameUse, out: SchemaCheck): void {
  const [object = '', ...rest] = use.name.split('.');
  const path = rest.join('.');
  if (object.endsWith('__c') || path.endsWith('__c')) return; // the demo org's own custom objects and fields
  const r = resolvePath(objects, fls, object, path);
  if (r.unrecordedObject) out.unrecorded.push(`object ${r.unrecordedObject}`);
  else if (r.missing) out.violations.push(`field ${r.missing}: not in the recorded schema (${use.where})`);
  else if (use.write === 'create' && r.field?.createable === false)
    out.violations.push(`field ${use.name}: created, not createable in the recording`);
  else if (use.write === 'update' && r.field?.updateable === false)
    out.violations.push(`field ${use.name}: updated, not updateable in the recording`);
}

function checkValue(objects: Map<string, RecordedObject>, use: NameUse, out: SchemaCheck): void {
  const [path = '', value = ''] = use.name.split(/=(.*)/s);
  const [object = '', field = ''] = path.split('.');
  const values = picklist(objects, object, field);
  if (values.size > 0 && !values.has(value)) out.violations.push(`value ${use.name}: not in the recorded picklist of ${path}`);
}

export function checkAgainstRecordings(uses: NameUse[], recordings: Recording[]): SchemaCheck {
  const objects = recordedObjects(recordings);
  const fls = picklist(objects, 'FieldPermissions', 'Field');
  const metadata = metadataElements(recordings);
  const out: SchemaCheck = { violations: [], unrecorded: [] };
  for (const use of uses) {
    if (use.kind === 'object' && !use.name.endsWith('__c') && !objects.has(use.name)) out.unrecorded.push(`object ${use.name}`);
    if (use.kind === 'field') checkField(objects, fls, use, out);
    if (use.kind === 'value') checkValue(objects, use, out);
    if (use.kind === 'metadataType' && !metadata.has(use.name)) out.unrecorded.push(`metadata type ${use.name}`);
    if (use.kind === 'metadataElement') {
      const [type = '', element = ''] = use.name.split('.');
      const elements = metadata.get(type);
      if (elements && !elements.has(element) && !METADATA_BASE_ELEMENTS.has(element)) {
        out.violations.push(`metadata ${use.name}: not an element of ${type} in the retrieved files`);
      }
    }
  }
  return { violations: [...new Set(out.violations)].sort(), unrecorded: [...new Set(out.unrecorded)].sort() };
}
