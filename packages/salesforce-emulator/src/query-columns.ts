/**
 * `GET /query?q=...&columns=true` (fact QUERY-COLUMNS): a real org answers the query's column
 * metadata instead of its records. The Salesforce CLI's `sf data query` asks this first and reads
 * `columnMetadata` as an array (column items as in test/recorded-reality, salesforcecli/plugin-data).
 */
import type { Org } from './org';
import type { FieldDef, FieldType, ObjectDef } from './schema';
import type { Principal } from './security';
import { resolveSelect, type Resolved } from './soql';

export interface ColumnMetadata {
  aggregate: boolean;
  apexType: string | null;
  booleanType: boolean;
  columnName: string;
  custom: boolean;
  displayName: string;
  foreignKeyName: string | null;
  insertable: boolean;
  joinColumns: ColumnMetadata[];
  numberType: boolean;
  textType: boolean;
  updatable: boolean;
}

export interface QueryColumns {
  columnMetadata: ColumnMetadata[];
  entityName: string;
  groupBy: boolean;
  idSelected: boolean;
  keyPrefix: string | null;
}

const APEX_TYPES: Record<FieldType, string> = {
  id: 'Id',
  reference: 'Id',
  string: 'String',
  textarea: 'String',
  email: 'String',
  phone: 'String',
  url: 'String',
  picklist: 'String',
  combobox: 'String',
  boolean: 'Boolean',
  currency: 'Double',
  double: 'Double',
  percent: 'Double',
  int: 'Integer',
  date: 'Date',
  datetime: 'Datetime',
};
const NUMBER_TYPES: ReadonlySet<FieldType> = new Set(['currency', 'double', 'percent', 'int']);
const TEXT_TYPES: ReadonlySet<FieldType> = new Set(['string', 'textarea', 'email', 'phone', 'url', 'picklist', 'combobox']);

function fieldColumn(f: FieldDef): ColumnMetadata {
  return {
    aggregate: false,
    apexType: APEX_TYPES[f.type],
    booleanType: f.type === 'boolean',
    columnName: f.name,
    custom: f.custom,
    displayName: f.name,
    foreignKeyName: null,
    insertable: f.createable,
    joinColumns: [],
    numberType: NUMBER_TYPES.has(f.type),
    textType: TEXT_TYPES.has(f.type),
    updatable: f.updateable,
  };
}

/** A relationship column (`Owner`) carries the fields read through it as join columns. */
function relationshipColumn(ref: FieldDef, name: string): ColumnMetadata {
  return {
    ...fieldColumn(ref),
    apexType: null,
    columnName: name,
    displayName: name,
    foreignKeyName: ref.name,
    insertable: false,
    updatable: false,
  };
}

function addPath(columns: ColumnMetadata[], path: Resolved): void {
  let level = columns;
  for (const seg of path.segments) {
    const name = seg.ref.relationshipName ?? seg.ref.name;
    let rel = level.find((c) => c.columnName === name);
    if (!rel) {
      rel = relationshipColumn(seg.ref, name);
      level.push(rel);
    }
    level = rel.joinColumns;
  }
  level.push(fieldColumn(path.field));
}

function aggregateColumn(path: Resolved | undefined): ColumnMetadata {
  const displayName = `count(${path?.field.name ?? ''})`;
  return {
    ...fieldColumn(path?.field ?? ({ name: 'expr0', type: 'int' } as FieldDef)),
    aggregate: true,
    apexType: null,
    columnName: 'expr0',
    displayName,
    custom: false,
    insertable: false,
    updatable: false,
  };
}

export function queryColumns(org: Org, p: Principal, soql: string): QueryColumns {
  const { base, count, paths } = resolveSelect(org, p, soql);
  const columnMetadata: ColumnMetadata[] = [];
  if (count === 'aggregate') columnMetadata.push(aggregateColumn(paths[0]));
  else if (count === 'none') for (const path of paths) addPath(columnMetadata, path);
  return {
    columnMetadata,
    entityName: base.name,
    groupBy: false,
    idSelected: count === 'none' && paths.some((r) => r.segments.length === 0 && r.field.name === 'Id'),
    keyPrefix: keyPrefixOf(base),
  };
}

function keyPrefixOf(def: ObjectDef): string | null {
  return def.keyPrefix || null;
}
