import type { SubResult } from '../../salesforce/client';
import { describeGlobalSchema } from '../../salesforce/schemas';

/** A readable object outside the access profile, for verification to prove the agent is refused it. Business objects an agent of this kind must not read unless the admin adds them. */
const OUTSIDE_CANDIDATES = ['Case', 'Contract', 'Campaign', 'Order', 'Quote', 'Asset'];

export function outsideObject(result: SubResult | undefined, profileObjects: string[]): string | null {
  const parsed = describeGlobalSchema.safeParse(result?.ok ? result.body : undefined);
  if (!parsed.success) return null;
  const inProfile = new Set(profileObjects.map((o) => o.toLowerCase()));
  const queryable = parsed.data.sobjects.filter((o) => o.queryable && !inProfile.has(o.name.toLowerCase()));
  const names = new Set(queryable.map((o) => o.name));
  return OUTSIDE_CANDIDATES.find((c) => names.has(c)) ?? queryable.find((o) => o.custom)?.name ?? null;
}
