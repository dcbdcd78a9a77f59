import { z } from 'zod';
import type { VisibilityReason } from '../../../common';
import { queryRows, queryUrl, soqlQuote, type CompositeSubrequest, type OrgClient, type SubResult } from '../../salesforce/client';

/** The standard objects whose org-wide default Organization names (fact OWD-SOURCES). */
export const organizationDefaultFields: Record<string, string> = {
  Account: 'DefaultAccountAccess',
  Contact: 'DefaultContactAccess',
  Opportunity: 'DefaultOpportunityAccess',
  Lead: 'DefaultLeadAccess',
  Case: 'DefaultCaseAccess',
};

/**
 * Organization says None/Read/Edit…, EntityDefinition Private/Read/ReadWrite…; both name Controlled by
 * Parent (fact OWD-SOURCES). Anything readable by all users counts as public.
 */
export function sharingKind(model: string | null): Extract<VisibilityReason, 'private' | 'public' | 'controlledByParent' | 'unknown'> {
  if (model === null) return 'unknown';
  if (model === 'None' || model === 'Private') return 'private';
  if (model.startsWith('ControlledBy')) return 'controlledByParent';
  return 'public';
}

const count = (result: SubResult | undefined): number | null => {
  if (!result?.ok) return null;
  return z.object({ totalSize: z.number() }).parse(result.body).totalSize;
};
const rows = (result: SubResult | undefined): Record<string, unknown>[] => (result?.ok ? queryRows(result) : []);

/** The requests that read each object's record count and org-wide default (Organization, EntityDefinition). */
export function sharingRequests(objects: readonly string[]): CompositeSubrequest[] {
  const custom = objects.filter((o) => o.endsWith('__c'));
  const requests: CompositeSubrequest[] = [
    { referenceId: 'org', method: 'GET', url: queryUrl(`SELECT ${Object.values(organizationDefaultFields).join(', ')} FROM Organization`) },
    ...objects.map((o, i): CompositeSubrequest => ({ referenceId: `count${i}`, method: 'GET', url: queryUrl(`SELECT COUNT() FROM ${o}`) })),
  ];
  if (custom.length > 0)
    requests.push({
      referenceId: 'entities',
      method: 'GET',
      url: queryUrl(
        `SELECT QualifiedApiName, InternalSharingModel FROM EntityDefinition WHERE QualifiedApiName IN (${custom.map(soqlQuote).join(', ')})`,
      ),
    });
  return requests;
}

/** Each object's count (null where refused) and the org-wide defaults the org named, from `sharingRequests`' answers. */
export function sharingFacts(results: Map<string, SubResult>, objects: readonly string[]) {
  const org = rows(results.get('org'))[0] ?? {};
  const models = new Map<string, string>();
  for (const [object, field] of Object.entries(organizationDefaultFields))
    if (typeof org[field] === 'string') models.set(object, org[field]);
  for (const e of rows(results.get('entities')))
    if (typeof e.QualifiedApiName === 'string' && typeof e.InternalSharingModel === 'string')
      models.set(e.QualifiedApiName, e.InternalSharingModel);
  return { counts: objects.map((_, i) => count(results.get(`count${i}`))), models };
}

/** Counts and org-wide defaults of `objects` as the signed-in admin reads them: one Composite, reads only. */
export async function readSharing(client: OrgClient, objects: readonly string[]) {
  return sharingFacts(await client.composite(sharingRequests(objects)), objects);
}
