/** Record storage: one map per object, plus snapshot/restore for allOrNone transactions. */
import type { ObjectDef } from './schema';
import { sameId } from './ids';

export type Value = string | number | boolean | null;
export type SRecord = Record<string, Value>;

export class RecordStore {
  private tables = new Map<string, Map<string, SRecord>>();

  constructor(readonly catalog: Map<string, ObjectDef>) {
    for (const def of catalog.values()) this.tables.set(def.name, new Map());
  }

  object(name: string): ObjectDef | undefined {
    return this.catalog.get(name.toLowerCase());
  }

  table(objectName: string): Map<string, SRecord> {
    const t = this.tables.get(objectName);
    if (!t) throw new Error(`no table ${objectName}`);
    return t;
  }

  all(objectName: string): SRecord[] {
    return [...this.table(objectName).values()];
  }

  get(objectName: string, id: string): SRecord | undefined {
    const t = this.table(objectName);
    const direct = t.get(id);
    if (direct) return direct;
    if (id.length === 15) for (const [k, v] of t) if (sameId(k, id)) return v;
    return undefined;
  }

  /** Finds a record by id alone, using the key prefix to pick the object. */
  findById(id: string): { def: ObjectDef; rec: SRecord } | undefined {
    const prefix = id.slice(0, 3);
    for (const def of this.catalog.values()) {
      if (def.keyPrefix !== prefix) continue;
      const rec = this.get(def.name, id);
      if (rec) return { def, rec };
    }
    return undefined;
  }

  put(objectName: string, rec: SRecord): void {
    const id = rec.Id;
    if (typeof id !== 'string') throw new Error('record without Id');
    this.table(objectName).set(id, rec);
  }

  remove(objectName: string, id: string): boolean {
    const rec = this.get(objectName, id);
    if (!rec || typeof rec.Id !== 'string') return false;
    return this.table(objectName).delete(rec.Id);
  }

  where(objectName: string, pred: (r: SRecord) => boolean): SRecord[] {
    return this.all(objectName).filter(pred);
  }

  snapshot(): Map<string, Map<string, SRecord>> {
    const copy = new Map<string, Map<string, SRecord>>();
    for (const [name, t] of this.tables) copy.set(name, new Map([...t].map(([k, v]) => [k, { ...v }])));
    return copy;
  }

  restore(snap: Map<string, Map<string, SRecord>>): void {
    this.tables = snap;
  }
}

/** Salesforce's datetime wire format: 2026-01-31T12:00:00.000+0000. */
export function sfDateTime(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+0000');
}

export function str(v: Value | undefined): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
