/**
 * The SOQL subset the app sends: SELECT fields (with relationship paths), COUNT(), FROM, WHERE with
 * = != <> < <= > >= IN / NOT IN (values or a semi-join sub-select), LIKE, AND / OR / NOT, parentheses,
 * ORDER BY (ASC/DESC, NULLS FIRST/LAST), LIMIT, OFFSET. Field and object names are case-insensitive.
 */
import { DmlError } from './errors';
import { sameId } from './ids';
import type { Org } from './org';
import { findField, findRelationship, reachableThrough, type FieldDef, type ObjectDef } from './schema';
import { canReadField, canReadObject, type Principal } from './security';
import { canReadRecord } from './sharing';
import type { SRecord, Value } from './store';

type TokenKind = 'ident' | 'string' | 'number' | 'date' | 'op' | 'punct';
interface Token {
  kind: TokenKind;
  value: string;
  pos: number;
}

type Literal = string | number | boolean | null;
interface PathRef {
  path: string;
  pos: number;
}
interface SubQuery {
  field: PathRef;
  from: PathRef;
  where?: Cond;
}
type Cond =
  | { kind: 'and' | 'or'; items: Cond[] }
  | { kind: 'not'; item: Cond }
  | { kind: 'cmp'; field: PathRef; op: string; value: Literal; dateLiteral: boolean }
  | { kind: 'in'; field: PathRef; negate: boolean; values: Literal[] | SubQuery }
  | { kind: 'like'; field: PathRef; pattern: string };

interface OrderItem {
  field: PathRef;
  desc: boolean;
  nullsLast: boolean;
}
export interface ParsedQuery {
  fields: PathRef[];
  count: 'none' | 'rows' | 'aggregate';
  from: PathRef;
  where?: Cond;
  orderBy: OrderItem[];
  limit?: number;
  offset?: number;
}

const NO_COLUMN_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";
const NO_TYPE_HINT =
  "If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.";

export function unsupportedTypeMessage(name: string): string {
  return `sObject type '${name}' is not supported. ${NO_TYPE_HINT}`;
}

/** Salesforce prefixes query errors with the query, a caret and the position. */
function queryError(code: string, soql: string, pos: number, message: string): DmlError {
  return new DmlError(code, `\n${soql}\n${' '.repeat(pos)}^\nERROR at Row:1:Column:${pos + 1}\n${message}`);
}

// ---------------- tokenizer ----------------

function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  const re =
    /\s+|(\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?)|('(?:\\.|[^'\\])*')|(-?\d+(?:\.\d+)?)|([A-Za-z_][A-Za-z0-9_.]*)|(!=|<>|<=|>=|=|<|>)|([(),])/gy;
  let m: RegExpExecArray | null;
  while (re.lastIndex < soql.length) {
    const pos = re.lastIndex;
    m = re.exec(soql);
    if (!m) throw queryError('MALFORMED_QUERY', soql, pos, `unexpected token: '${soql.slice(pos, pos + 10)}'`);
    const [, date, quoted, num, ident, op, punct] = m;
    if (date) tokens.push({ kind: 'date', value: date, pos });
    else if (quoted) tokens.push({ kind: 'string', value: quoted.slice(1, -1).replace(/\\(.)/g, '$1'), pos });
    else if (num) tokens.push({ kind: 'number', value: num, pos });
    else if (ident) tokens.push({ kind: 'ident', value: ident, pos });
    else if (op) tokens.push({ kind: 'op', value: op, pos });
    else if (punct) tokens.push({ kind: 'punct', value: punct, pos });
  }
  return tokens;
}

// ---------------- parser ----------------

class Parser {
  private i = 0;
  constructor(
    private readonly tokens: Token[],
    private readonly soql: string,
  ) {}

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.i + offset];
  }
  private isKw(word: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.kind === 'ident' && t.value.toUpperCase() === word;
  }
  private fail(message: string): never {
    const pos = this.peek()?.pos ?? this.soql.length;
    throw queryError('MALFORMED_QUERY', this.soql, pos, message);
  }
  private next(): Token {
    const t = this.tokens[this.i++];
    if (!t) this.fail('unexpected end of query');
    return t;
  }
  private expectKw(word: string): void {
    if (!this.isKw(word)) this.fail(`unexpected token: '${this.peek()?.value ?? 'EOF'}', expecting ${word}`);
    this.i++;
  }
  private expectPunct(p: string): void {
    const t = this.next();
    if (t.kind !== 'punct' || t.value !== p) {
      this.i--;
      this.fail(`unexpected token: '${t.value}'`);
    }
  }
  private ident(): PathRef {
    const t = this.next();
    if (t.kind !== 'ident') {
      this.i--;
      this.fail(`unexpected token: '${t.value}'`);
    }
    return { path: t.value, pos: t.pos };
  }

  query(): ParsedQuery {
    this.expectKw('SELECT');
    const q: ParsedQuery = { fields: [], count: 'none', from: { path: '', pos: 0 }, orderBy: [] };
    if (this.isKw('COUNT') && this.peek(1)?.value === '(') {
      this.i += 2;
      if (this.peek()?.value === ')') q.count = 'rows';
      else {
        q.fields.push(this.ident());
        q.count = 'aggregate';
      }
      this.expectPunct(')');
    } else {
      q.fields.push(this.ident());
      while (this.peek()?.value === ',') {
        this.i++;
        q.fields.push(this.ident());
      }
    }
    this.expectKw('FROM');
    q.from = this.ident();
    if (this.isKw('WHERE')) {
      this.i++;
      q.where = this.orExpr();
    }
    if (this.isKw('ORDER')) {
      this.i++;
      this.expectKw('BY');
      q.orderBy = this.orderList();
    }
    if (this.isKw('LIMIT')) {
      this.i++;
      q.limit = Number(this.next().value);
    }
    if (this.isKw('OFFSET')) {
      this.i++;
      q.offset = Number(this.next().value);
    }
    return q;
  }

  atEnd(): boolean {
    return this.i >= this.tokens.length;
  }
  rest(): Token | undefined {
    return this.peek();
  }

  private orderList(): OrderItem[] {
    const items: OrderItem[] = [];
    for (;;) {
      const field = this.ident();
      let desc = false;
      if (this.isKw('ASC')) this.i++;
      else if (this.isKw('DESC')) {
        this.i++;
        desc = true;
      }
      let nullsLast = desc;
      if (this.isKw('NULLS')) {
        this.i++;
        nullsLast = this.next().value.toUpperCase() === 'LAST';
      }
      items.push({ field, desc, nullsLast });
      if (this.peek()?.value !== ',') return items;
      this.i++;
    }
  }

  private orExpr(): Cond {
    const items = [this.andExpr()];
    while (this.isKw('OR')) {
      this.i++;
      items.push(this.andExpr());
    }
    return items.length === 1 && items[0] ? items[0] : { kind: 'or', items };
  }

  private andExpr(): Cond {
    const items = [this.unary()];
    while (this.isKw('AND')) {
      this.i++;
      items.push(this.unary());
    }
    return items.length === 1 && items[0] ? items[0] : { kind: 'and', items };
  }

  private unary(): Cond {
    if (this.isKw('NOT')) {
      this.i++;
      return { kind: 'not', item: this.unary() };
    }
    if (this.peek()?.value === '(') {
      this.i++;
      const inner = this.orExpr();
      this.expectPunct(')');
      return inner;
    }
    return this.comparison();
  }

  private comparison(): Cond {
    const field = this.ident();
    if (this.isKw('NOT') && this.isKw('IN', 1)) {
      this.i += 2;
      return { kind: 'in', field, negate: true, values: this.inList() };
    }
    if (this.isKw('IN')) {
      this.i++;
      return { kind: 'in', field, negate: false, values: this.inList() };
    }
    if (this.isKw('LIKE')) {
      this.i++;
      const t = this.next();
      if (t.kind !== 'string') this.fail('LIKE needs a string');
      return { kind: 'like', field, pattern: t.value };
    }
    const op = this.next();
    if (op.kind !== 'op') {
      this.i--;
      this.fail(`unexpected token: '${op.value}'`);
    }
    const { value, dateLiteral } = this.literal();
    return { kind: 'cmp', field, op: op.value === '<>' ? '!=' : op.value, value, dateLiteral };
  }

  private inList(): Literal[] | SubQuery {
    this.expectPunct('(');
    if (this.isKw('SELECT')) {
      this.i++;
      const field = this.ident();
      this.expectKw('FROM');
      const from = this.ident();
      let where: Cond | undefined;
      if (this.isKw('WHERE')) {
        this.i++;
        where = this.orExpr();
      }
      this.expectPunct(')');
      return where ? { field, from, where } : { field, from };
    }
    const values: Literal[] = [this.literal().value];
    while (this.peek()?.value === ',') {
      this.i++;
      values.push(this.literal().value);
    }
    this.expectPunct(')');
    return values;
  }

  private literal(): { value: Literal; dateLiteral: boolean } {
    const t = this.next();
    if (t.kind === 'string') return { value: t.value, dateLiteral: false };
    if (t.kind === 'number') return { value: Number(t.value), dateLiteral: false };
    if (t.kind === 'date') return { value: t.value, dateLiteral: true };
    const upper = t.value.toUpperCase();
    if (t.kind === 'ident' && (upper === 'TRUE' || upper === 'FALSE')) return { value: upper === 'TRUE', dateLiteral: false };
    if (t.kind === 'ident' && upper === 'NULL') return { value: null, dateLiteral: false };
    this.i--;
    return this.fail(`unexpected token: '${t.value}'`);
  }
}

export function parseSoql(soql: string): ParsedQuery {
  const parser = new Parser(tokenize(soql), soql);
  const q = parser.query();
  if (!parser.atEnd()) {
    const t = parser.rest();
    throw queryError('MALFORMED_QUERY', soql, t?.pos ?? soql.length, `unexpected token: '${t?.value ?? ''}'`);
  }
  return q;
}

// ---------------- resolution (names, permissions) ----------------

export interface Resolved {
  segments: { def: ObjectDef; ref: FieldDef }[];
  field: FieldDef;
  last: ObjectDef;
}

class Resolver {
  constructor(
    private readonly org: Org,
    private readonly p: Principal,
    private readonly soql: string,
    private readonly api: 'data' | 'tooling' = 'data',
  ) {}

  object(ref: PathRef): ObjectDef {
    const def = this.org.store.object(ref.path);
    if (!def || !reachableThrough(def, this.api) || !canReadObject(this.org, this.p, def)) {
      throw queryError('INVALID_TYPE', this.soql, ref.pos, unsupportedTypeMessage(ref.path));
    }
    return def;
  }

  /** Walks `Rel.Rel.Field`; polymorphic lookups resolve to their first target object. */
  path(base: ObjectDef, ref: PathRef): Resolved {
    const parts = ref.path.split('.');
    if (parts[0]?.toLowerCase() === base.name.toLowerCase() && parts.length > 1) parts.shift();
    let def = base;
    const segments: Resolved['segments'] = [];
    for (const rel of parts.slice(0, -1)) {
      const refField = findRelationship(def, rel);
      const target = refField?.referenceTo[0] ? this.org.store.object(refField.referenceTo[0]) : undefined;
      if (!refField || !target || !canReadObject(this.org, this.p, target) || !canReadField(this.org, this.p, def, refField)) {
        throw queryError(
          'INVALID_FIELD',
          this.soql,
          ref.pos,
          `Didn't understand relationship '${rel}' in field path. If you are attempting to use a custom relationship, be sure to append the '__r' after the custom relationship name. Please reference your WSDL or the describe call for the appropriate names.`,
        );
      }
      segments.push({ def, ref: refField });
      def = target;
    }
    const name = parts[parts.length - 1] ?? '';
    const field = findField(def, name);
    if (!field || !canReadField(this.org, this.p, def, field)) {
      throw queryError('INVALID_FIELD', this.soql, ref.pos, `No such column '${name}' on entity '${def.name}'. ${NO_COLUMN_HINT}`);
    }
    return { segments, field, last: def };
  }
}

function valueAt(org: Org, rec: SRecord, r: Resolved): Value {
  let cur: SRecord | undefined = rec;
  for (const seg of r.segments) {
    const id: Value | undefined = cur?.[seg.ref.name];
    cur = typeof id === 'string' ? org.store.findById(id)?.rec : undefined;
    if (!cur) return null;
  }
  return cur[r.field.name] ?? null;
}

// ---------------- evaluation ----------------

function compareValues(a: Value, b: Literal, field: FieldDef): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  if (field.type === 'datetime' || field.type === 'date') {
    return Math.sign(Date.parse(String(a).replace('+0000', 'Z')) - Date.parse(String(b)));
  }
  if (typeof a === 'number' || typeof b === 'number') return Math.sign(Number(a) - Number(b));
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b ? 0 : 1;
  return String(a).toLowerCase().localeCompare(String(b).toLowerCase());
}

function equals(a: Value, b: Literal, field: FieldDef): boolean {
  if ((field.type === 'id' || field.type === 'reference') && typeof a === 'string' && typeof b === 'string') return sameId(a, b);
  return compareValues(a, b, field) === 0;
}

function likeToRegex(pattern: string): RegExp {
  const body = pattern
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/%/g, '.*')
    .replace(/_/g, '.');
  return new RegExp(`^${body}$`, 'is');
}

type Predicate = (rec: SRecord) => boolean;

function compile(org: Org, res: Resolver, base: ObjectDef, cond: Cond): Predicate {
  switch (cond.kind) {
    case 'and': {
      const ps = cond.items.map((c) => compile(org, res, base, c));
      return (r) => ps.every((p) => p(r));
    }
    case 'or': {
      const ps = cond.items.map((c) => compile(org, res, base, c));
      return (r) => ps.some((p) => p(r));
    }
    case 'not': {
      const p = compile(org, res, base, cond.item);
      return (r) => !p(r);
    }
    case 'like': {
      const rf = res.path(base, cond.field);
      const re = likeToRegex(cond.pattern);
      return (r) => {
        const v = valueAt(org, r, rf);
        return v !== null && re.test(String(v));
      };
    }
    case 'in': {
      const rf = res.path(base, cond.field);
      const values = Array.isArray(cond.values) ? cond.values : subQueryValues(org, res, cond.values);
      return (r) => {
        const v = valueAt(org, r, rf);
        const hit = values.some((x) => equals(v, x, rf.field));
        return cond.negate ? !hit : hit;
      };
    }
    case 'cmp': {
      const rf = res.path(base, cond.field);
      return (r) => {
        const v = valueAt(org, r, rf);
        switch (cond.op) {
          case '=':
            return equals(v, cond.value, rf.field);
          case '!=':
            return !equals(v, cond.value, rf.field);
          default: {
            if (v === null || cond.value === null) return false;
            const c = compareValues(v, cond.value, rf.field);
            return cond.op === '<' ? c < 0 : cond.op === '<=' ? c <= 0 : cond.op === '>' ? c > 0 : c >= 0;
          }
        }
      };
    }
  }
}

function subQueryValues(org: Org, res: Resolver, sub: SubQuery): Literal[] {
  const def = res.object(sub.from);
  const rf = res.path(def, sub.field);
  const pred = sub.where ? compile(org, res, def, sub.where) : () => true;
  return org.store
    .all(def.name)
    .filter(pred)
    .map((r) => valueAt(org, r, rf));
}

export interface QueryResult {
  totalSize: number;
  done: boolean;
  records: Record<string, unknown>[];
}

/** `api`: the Tooling API (`/tooling/query`) reaches other objects than the data API (fact USER-VALIDATION-RULES). */
export function runQuery(org: Org, p: Principal, soql: string, apiVersion: string, api: 'data' | 'tooling' = 'data'): QueryResult {
  const q = parseSoql(soql);
  const res = new Resolver(org, p, soql, api);
  const base = res.object(q.from);
  const selected = q.fields.map((f) => ({ ref: f, resolved: res.path(base, f) }));
  const pred = q.where ? compile(org, res, base, q.where) : () => true;
  let rows = org.store.all(base.name).filter((r) => canReadRecord(org, p, base, r) && pred(r));
  if (q.count === 'rows') return { totalSize: rows.length, done: true, records: [] };
  if (q.count === 'aggregate') {
    const first = selected[0];
    const n = first ? rows.filter((r) => valueAt(org, r, first.resolved) !== null).length : rows.length;
    return { totalSize: 1, done: true, records: [{ attributes: { type: 'AggregateResult' }, expr0: n }] };
  }
  rows = sortRows(org, res, base, rows, q.orderBy);
  rows = rows.slice(q.offset ?? 0, q.limit !== undefined ? (q.offset ?? 0) + q.limit : undefined);
  const records = rows.map((r) =>
    shapeRecord(
      org,
      base,
      r,
      selected.map((s) => s.resolved),
      apiVersion,
    ),
  );
  return { totalSize: records.length, done: true, records };
}

/** The FROM object and the resolved SELECT paths of a query, for its column metadata (`columns=true`). */
export function resolveSelect(org: Org, p: Principal, soql: string): { base: ObjectDef; count: ParsedQuery['count']; paths: Resolved[] } {
  const q = parseSoql(soql);
  const res = new Resolver(org, p, soql);
  const base = res.object(q.from);
  return { base, count: q.count, paths: q.fields.map((f) => res.path(base, f)) };
}

function sortRows(org: Org, res: Resolver, base: ObjectDef, rows: SRecord[], order: OrderItem[]): SRecord[] {
  if (!order.length) return rows;
  const keys = order.map((o) => ({ o, rf: res.path(base, o.field) }));
  return [...rows].sort((a, b) => {
    for (const { o, rf } of keys) {
      const va = valueAt(org, a, rf);
      const vb = valueAt(org, b, rf);
      if (va === null || vb === null) {
        if (va === vb) continue;
        const nullFirst = !o.nullsLast;
        return (va === null) === nullFirst ? -1 : 1;
      }
      const c = compareValues(va, vb, rf.field);
      if (c !== 0) return o.desc ? -c : c;
    }
    return 0;
  });
}

export function recordAttributes(type: string, id: Value, apiVersion: string): { type: string; url: string } {
  return { type, url: `/services/data/v${apiVersion}/sobjects/${type}/${String(id)}` };
}

/** Builds the REST shape: selected fields in order, relationship paths as nested records (or null). */
function shapeRecord(org: Org, base: ObjectDef, rec: SRecord, paths: Resolved[], apiVersion: string): Record<string, unknown> {
  const out: Record<string, unknown> = { attributes: recordAttributes(base.name, rec.Id ?? null, apiVersion) };
  for (const r of paths) {
    let target: Record<string, unknown> = out;
    let cur: SRecord | undefined = rec;
    let broken = false;
    for (const seg of r.segments) {
      const relName = seg.ref.relationshipName ?? seg.ref.name;
      const id: Value | undefined = cur?.[seg.ref.name];
      const found: ReturnType<Org['store']['findById']> = typeof id === 'string' ? org.store.findById(id) : undefined;
      if (!found) {
        target[relName] = null;
        broken = true;
        break;
      }
      const existing = target[relName];
      if (existing && typeof existing === 'object') target = existing as Record<string, unknown>;
      else {
        const nested: Record<string, unknown> = { attributes: recordAttributes(found.def.name, found.rec.Id ?? null, apiVersion) };
        target[relName] = nested;
        target = nested;
      }
      cur = found.rec;
    }
    if (!broken && cur) target[r.field.name] = cur[r.field.name] ?? null;
  }
  return out;
}
