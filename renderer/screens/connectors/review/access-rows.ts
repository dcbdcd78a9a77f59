import type { PermissionChange } from '../../../../common';

/** One object of a review's access table: its own change (absent when only its fields change) and its fields'. */
export interface AccessRow {
  object: string;
  own: PermissionChange | null;
  fields: PermissionChange[];
}

/** The review's access changes as Setup shows a permission set: one row per object, its fields with it. */
export function accessRows(changes: readonly PermissionChange[]): AccessRow[] {
  const rows = new Map<string, AccessRow>();
  for (const c of changes) {
    const row = rows.get(c.object) ?? { object: c.object, own: null, fields: [] };
    if (c.field === null) row.own = c;
    else row.fields.push(c);
    rows.set(c.object, row);
  }
  return [...rows.values()];
}

/** New fields with the same access go together ("Name, Phone: Read"); every other field change stands alone. */
export function fieldGroups(fields: readonly PermissionChange[]): { added: Map<string, PermissionChange[]>; other: PermissionChange[] } {
  const added = new Map<string, PermissionChange[]>();
  const other: PermissionChange[] = [];
  for (const f of fields) {
    if (f.before === null && f.after !== null && !f.widens) {
      const key = JSON.stringify(f.after);
      added.set(key, [...(added.get(key) ?? []), f]);
    } else other.push(f);
  }
  return { added, other };
}
