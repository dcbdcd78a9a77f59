import { compositeBatches } from './client';
import type { CompositeSubrequest, OrgClient } from './org-client';

const REFERENCE = /@\{([A-Za-z0-9_]+)\.([A-Za-z0-9_]+)\}/g;

/** The `@{ref.field}` references to subrequests of earlier calls, replaced by what those answered. */
function resolved(requests: CompositeSubrequest[], answered: ReadonlyMap<string, unknown>): CompositeSubrequest[] {
  const text = JSON.stringify(requests).replace(REFERENCE, (whole, ref: string, field: string) => {
    const body = answered.get(ref);
    const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
    return typeof value === 'string' ? value : whole;
  });
  return JSON.parse(text) as CompositeSubrequest[];
}

/**
 * Dependent changes in as few all-or-none Composites as the limits allow (fact COMPOSITE-LIMITS),
 * sent one after another in order; a later call's references to an earlier call's subrequests get
 * the ids that call answered. Each call is all-or-none on its own: when a later one fails, what the
 * earlier ones made stays, and the caller finds it again (find before create) before it repeats.
 */
export async function compositeChain(
  client: Pick<OrgClient, 'compositeAllOrNone'>,
  requests: CompositeSubrequest[],
): Promise<Map<string, unknown>> {
  const bodies = new Map<string, unknown>();
  for (const call of compositeBatches(requests)) {
    const answered = await client.compositeAllOrNone(resolved(call, bodies));
    for (const [ref, body] of answered) bodies.set(ref, body);
  }
  return bodies;
}
