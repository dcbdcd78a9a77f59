/**
 * Compares the shape of two JSON bodies: key names and value kinds, never values. `null` matches any
 * kind (whether a value is empty is a value), and an array's elements are compared against all the
 * recorded elements' keys taken together.
 */
type Kind = 'null' | 'array' | 'object' | 'string' | 'number' | 'boolean';

function kindOf(v: unknown): Kind {
  if (v === null || v === undefined) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as Kind;
}

/** One element standing for all of an array's: each key's first non-null value. */
function mergeElements(items: unknown[]): unknown {
  const objects = items.filter((i): i is Record<string, unknown> => kindOf(i) === 'object');
  if (objects.length === 0) return items.find((i) => kindOf(i) !== 'null') ?? null;
  const merged: Record<string, unknown> = {};
  for (const o of objects) {
    for (const [k, v] of Object.entries(o)) if (merged[k] === undefined || merged[k] === null) merged[k] = v;
  }
  return merged;
}

export interface ShapeOptions {
  /** The recording kept only some keys: keys it lacks are not reported as invented. */
  partial?: boolean;
}

export function shapeDiff(recorded: unknown, emulated: unknown, path = '$', options: ShapeOptions = {}): string[] {
  const rk = kindOf(recorded);
  const ek = kindOf(emulated);
  if (rk === 'null' || ek === 'null') return [];
  if (rk !== ek) return [`${path}: recorded ${rk}, emulator ${ek}`];
  if (rk === 'array') {
    const r = recorded as unknown[];
    const e = emulated as unknown[];
    if (r.length === 0 || e.length === 0) return [];
    return shapeDiff(mergeElements(r), mergeElements(e), `${path}[]`, options);
  }
  if (rk !== 'object') return [];
  const r = recorded as Record<string, unknown>;
  const e = emulated as Record<string, unknown>;
  const out: string[] = [];
  for (const key of Object.keys(e)) {
    if (!(key in r)) {
      if (!options.partial) out.push(`${path}.${key}: answered by the emulator, not in the recording`);
      continue;
    }
    out.push(...shapeDiff(r[key], e[key], `${path}.${key}`, options));
  }
  if (!options.partial)
    for (const key of Object.keys(r)) if (!(key in e)) out.push(`${path}.${key}: in the recording, not answered by the emulator`);
  return out;
}

/** The `errorCode`s of a REST error body (an array of `{message, errorCode}`), or none. */
export function errorCodes(body: unknown): string[] {
  if (!Array.isArray(body)) return [];
  return body
    .map((e: unknown) => (e as { errorCode?: unknown } | null)?.errorCode)
    .filter((c): c is string => typeof c === 'string' && c !== '');
}
