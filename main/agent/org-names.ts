import type { AccessProfile } from '../../common';
import { SalesforceError } from '../salesforce/errors';
import type { OrgClient } from '../salesforce/org-client';
import type { SObjectDescribe } from '../salesforce/schemas';

const lower = (s: string) => s.toLowerCase();

/** The objects and `Object.Field`s of `after` that `before` did not list: what the admin is adding now. */
function additions(before: AccessProfile, after: AccessProfile): Map<string, string[]> {
  const added = new Map<string, string[]>();
  for (const o of after.objects) {
    const prior = before.objects.find((p) => lower(p.object) === lower(o.object));
    const fields = o.fields.filter((f) => !prior?.fields.some((p) => lower(p) === lower(f)));
    if (!prior || fields.length > 0) added.set(o.object, prior ? fields : o.fields);
  }
  return added;
}

/** An object the admin cannot describe is one the org does not have for them (fact DESCRIBE-INACCESSIBLE-OBJECT). */
async function describeOrNull(client: OrgClient, object: string): Promise<SObjectDescribe | null> {
  try {
    return await client.describe(object);
  } catch (error) {
    if (error instanceof SalesforceError && (error.code === 'NOT_FOUND' || error.code === 'INVALID_TYPE')) return null;
    throw error;
  }
}

/**
 * What the admin adds that the org lacks (objects, or `Object.Field`s), as the org names them: only
 * the additions are looked up, so what was saved before never blocks a later change.
 */
export async function namesMissingInOrg(client: OrgClient, before: AccessProfile, after: AccessProfile): Promise<string[]> {
  const added = [...additions(before, after)];
  const described = await Promise.all(added.map(([object]) => describeOrNull(client, object)));
  return added.flatMap(([object, fields], i) => {
    const d = described[i];
    if (!d) return [object];
    const names = new Set(d.fields.map((f) => lower(f.name)));
    return fields.filter((f) => !names.has(lower(f))).map((f) => `${d.name}.${f}`);
  });
}
