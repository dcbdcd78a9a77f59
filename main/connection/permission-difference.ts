import type { Grant, PermissionChange, PermissionFlags } from '../../common';
import type { ExistingGrants } from './steps/grant-rows';

const NONE: PermissionFlags = { read: false, edit: false, viewAllRecords: false };
const key = (object: string, field: string | null): string => `${object}.${field ?? ''}`.toLowerCase();
const same = (a: PermissionFlags | null, b: PermissionFlags | null): boolean =>
  (a ?? NONE).read === (b ?? NONE).read &&
  (a ?? NONE).edit === (b ?? NONE).edit &&
  (a ?? NONE).viewAllRecords === (b ?? NONE).viewAllRecords;

interface Side {
  object: string;
  field: string | null;
  flags: PermissionFlags;
}

/** The rows a permission set holds for the desired grants (activities take no object row: fact ACTIVITY-OBJECT-PERMISSIONS). */
function desiredSides(desired: readonly Grant[]): Side[] {
  return desired.flatMap((g): Side[] => {
    if (g.field === null && g.throughParentRecords === true) return [];
    if (g.field !== null && !g.viaFieldPermission) return [];
    return [
      { object: g.object, field: g.field, flags: { read: g.read, edit: g.edit, viewAllRecords: g.field === null && g.viewAllRecords } },
    ];
  });
}

function orgSides(existing: ExistingGrants): Side[] {
  return [
    ...existing.objects.map((o) => ({
      object: o.SobjectType,
      field: null,
      flags: { read: o.PermissionsRead, edit: o.PermissionsEdit, viewAllRecords: o.PermissionsViewAllRecords },
    })),
    ...existing.fields.map((f) => {
      const [object = f.Field, ...rest] = f.Field.split('.');
      return { object, field: rest.join('.'), flags: { read: f.PermissionsRead, edit: f.PermissionsEdit, viewAllRecords: false } };
    }),
  ];
}

/**
 * What changes between the org's grants and the desired ones, both ways: added, widened or narrowed,
 * removed. Every change that gives Edit or View All Records is marked, so the review calls it out.
 */
export function permissionDifference(desired: readonly Grant[], existing: ExistingGrants): PermissionChange[] {
  const before = new Map(orgSides(existing).map((s) => [key(s.object, s.field), s]));
  const after = new Map(desiredSides(desired).map((s) => [key(s.object, s.field), s]));
  const changes: PermissionChange[] = [];
  for (const k of new Set([...after.keys(), ...before.keys()])) {
    const was = before.get(k);
    const will = after.get(k);
    const side = will ?? was;
    if (!side || same(was?.flags ?? null, will?.flags ?? null)) continue;
    const widens =
      (will?.flags.edit === true && was?.flags.edit !== true) ||
      (will?.flags.viewAllRecords === true && was?.flags.viewAllRecords !== true);
    changes.push({ object: side.object, field: side.field, before: was?.flags ?? null, after: will?.flags ?? null, widens });
  }
  return changes.sort((a, b) => key(a.object, a.field).localeCompare(key(b.object, b.field)));
}

/** An English line for one change (CLI and the plan's summary). */
export function describeChange(change: PermissionChange): string {
  const name = change.field === null ? change.object : `${change.object}.${change.field}`;
  const words = (f: PermissionFlags): string =>
    [f.read && 'Read', f.edit && 'Edit', f.viewAllRecords && 'View All Records'].filter(Boolean).join(' + ') || 'nothing';
  const flagged = change.widens ? ' [WIDENS ACCESS]' : '';
  if (!change.before) return `Grant ${name}: ${words(change.after ?? NONE)}${flagged}`;
  if (!change.after) return `Remove ${name} (was ${words(change.before)})${change.byHand ? ', granted by hand' : ''}`;
  return `Change ${name}: ${words(change.before)} -> ${words(change.after)}${flagged}`;
}
