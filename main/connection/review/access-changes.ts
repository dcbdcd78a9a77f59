import type { Grant, GrantMark, PermissionChange, PermissionFlags } from '../../../common';
import { grantDiff, type GrantDiff } from '../org/grant-diff';
import type { ExistingGrants } from '../org/grant-rows';

const NONE: PermissionFlags = { read: false, edit: false, viewAllRecords: false };
const lower = (name: string): string => name.toLowerCase();

function split(name: string): { object: string; field: string | null } {
  const [object = name, ...rest] = name.split('.');
  return { object, field: rest.length ? rest.join('.') : null };
}

/** The rows as they are in the org, by lower-case name (Object, or Object.Field). */
function rowsByName(existing: ExistingGrants): Map<string, { id: string; flags: PermissionFlags }> {
  return new Map([
    ...existing.objects.map(
      (o) =>
        [
          lower(o.SobjectType),
          { id: o.Id, flags: { read: o.PermissionsRead, edit: o.PermissionsEdit, viewAllRecords: o.PermissionsViewAllRecords } },
        ] as const,
    ),
    ...existing.fields.map(
      (f) => [lower(f.Field), { id: f.Id, flags: { read: f.PermissionsRead, edit: f.PermissionsEdit, viewAllRecords: false } }] as const,
    ),
  ]);
}

const named = (marks: readonly GrantMark[], name: string): boolean => marks.some((m) => lower(m.name) === lower(name));

function change(diff: GrantDiff, name: string, before: PermissionFlags | null, after: PermissionFlags | null): PermissionChange {
  const widens = named(diff.escalations, name);
  const byHand = named(diff.handAdded, name);
  return { ...split(name), before, after, widens, ...(byHand && { byHand }) };
}

/**
 * The plan's permission difference: Update access's own comparison (grant-diff.ts), with the grants
 * someone added by hand included and marked, so the review can offer to remove them.
 */
export function permissionChanges(desired: readonly Grant[], recorded: readonly Grant[], existing: ExistingGrants): PermissionChange[] {
  const diff = grantDiff(desired, recorded, existing, { removeHandAdded: true });
  const rows = rowsByName(existing);
  const before = (name: string): PermissionFlags => rows.get(lower(name))?.flags ?? NONE;
  const removedIds = new Set([...diff.deleteObjectIds, ...diff.deleteFieldIds]);
  const changes: PermissionChange[] = [
    ...diff.createObjects.map((g) => change(diff, g.object, null, { read: true, edit: g.edit, viewAllRecords: g.viewAllRecords })),
    ...diff.createFields.map((g) =>
      change(diff, `${g.object}.${g.field ?? ''}`, null, { read: true, edit: g.edit, viewAllRecords: false }),
    ),
    ...[...diff.updateObjects, ...diff.updateFields].map((u) =>
      change(diff, u.name, before(u.name), { ...NONE, ...before(u.name), ...u.flags }),
    ),
    ...[...rows]
      .filter(([, row]) => removedIds.has(row.id))
      .map(([name]) => change(diff, originalName(existing, name), before(name), null)),
  ];
  return changes.sort((a, b) => key(a).localeCompare(key(b)));
}

const key = (c: PermissionChange): string => lower(c.field === null ? c.object : `${c.object}.${c.field}`);

function originalName(existing: ExistingGrants, name: string): string {
  return (
    existing.objects.find((o) => lower(o.SobjectType) === name)?.SobjectType ??
    existing.fields.find((f) => lower(f.Field) === name)?.Field ??
    name
  );
}

const words = (f: PermissionFlags): string =>
  [f.read && 'Read', f.edit && 'Edit', f.viewAllRecords && 'View All Records'].filter(Boolean).join(' + ') || 'nothing';

/** A change in words, without its name: "Read", "Read -> Read + Edit", "removed (was Read)". */
function changeWords(c: PermissionChange): string {
  const flagged = c.widens ? ' [WIDENS ACCESS]' : '';
  const hand = c.byHand ? ' [ADDED BY HAND: removed only with --remove-hand-added]' : '';
  if (!c.before) return `${words(c.after ?? NONE)}${flagged}`;
  if (!c.after) return `removed (was ${words(c.before)})${hand}`;
  return `${words(c.before)} -> ${words(c.after)}${flagged}${hand}`;
}

/** The field changes of one object: new fields with the same access together, every other change on its own. */
function fieldWords(fields: readonly PermissionChange[]): string[] {
  const added = new Map<string, string[]>();
  const others: string[] = [];
  for (const f of fields) {
    if (!f.before && !f.byHand) added.set(changeWords(f), [...(added.get(changeWords(f)) ?? []), f.field ?? '']);
    else others.push(`${f.field ?? ''} ${changeWords(f)}`);
  }
  return [...[...added].map(([how, names]) => `${names.join(', ')} (${how})`), ...others];
}

/**
 * One English line per object, as Setup shows a permission set: the object's own change, then its
 * fields (CLI and the plan's summary).
 */
export function describeChanges(changes: readonly PermissionChange[]): string[] {
  const objects = [...new Set(changes.map((c) => c.object))];
  return objects.map((object) => {
    const own = changes.find((c) => c.object === object && c.field === null);
    const fields = fieldWords(changes.filter((c) => c.object === object && c.field !== null));
    const head = !own
      ? `Fields of ${object}`
      : !own.before
        ? `Grant ${object}: ${changeWords(own)}`
        : !own.after
          ? `Remove ${object} (${changeWords(own)})`
          : `Change ${object}: ${changeWords(own)}`;
    return fields.length ? `${head}; fields: ${fields.join('; ')}` : head;
  });
}
