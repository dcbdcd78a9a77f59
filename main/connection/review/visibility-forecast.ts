import type { Grant, PlannedVisibility, VisibilityReason } from '../../../common';
import type { OrgClient } from '../../salesforce/client';
import { readSharing, sharingKind } from '../org/sharing';

/** Each object of the desired access once: View All Records on it, or reached through parent records. */
function objectsOf(grants: readonly Grant[]): Map<string, { viewAll: boolean; throughParents: boolean }> {
  const objects = new Map<string, { viewAll: boolean; throughParents: boolean }>();
  for (const g of grants) {
    const entry = objects.get(g.object) ?? { viewAll: false, throughParents: false };
    if (g.field === null && g.viewAllRecords) entry.viewAll = true;
    if (g.throughParentRecords === true) entry.throughParents = true;
    objects.set(g.object, entry);
  }
  return objects;
}

const because: Record<VisibilityReason, (o: string) => string> = {
  viewAllData: () => 'the integration user has View All Data',
  viewAllRecords: (o) => `the agent gets View All Records on ${o}`,
  public: (o) => `${o}'s org-wide default lets every user read its records`,
  controlledByParent: (o) => `${o}'s org-wide default is Controlled by Parent: it sees those whose parent record it can see`,
  private: (o) => `${o}'s org-wide default is Private and a new integration user owns none and has no role (a sharing rule can add some)`,
  throughParentRecords: (o) => `${o} records are seen through the records they belong to`,
  refused: (o) => `Salesforce refused to count ${o}`,
  unknown: (o) => `the org did not say ${o}'s org-wide default`,
};

function forecastOne(object: string, total: number | null, model: string | null, o: { viewAll: boolean; throughParents: boolean }) {
  const reason: VisibilityReason = o.throughParents
    ? 'throughParentRecords'
    : total === null
      ? 'refused'
      : o.viewAll
        ? 'viewAllRecords'
        : sharingKind(model);
  const willSee = reason === 'viewAllRecords' || reason === 'public' ? total : reason === 'private' ? 0 : null;
  const seen =
    willSee === null
      ? `The agent's share of ${object} depends on other records`
      : `The agent will see ${willSee} of ${total ?? '?'} ${object} records`;
  return { object, total, willSee, reason, message: `${seen}: ${because[reason](object)}.` } satisfies PlannedVisibility;
}

/**
 * What a new integration user will read with `grants`, before anything is created: the admin's counts
 * and the org-wide defaults, read the way Test connection reads them afterwards (org/sharing.ts).
 * Sharing rules and the user's own records can only add to a Private object's 0.
 */
export async function visibilityForecast(client: OrgClient, grants: readonly Grant[]): Promise<PlannedVisibility[]> {
  const objects = objectsOf(grants);
  const names = [...objects.keys()];
  if (names.length === 0) return [];
  const { counts, models } = await readSharing(client, names);
  return names.map((name, i) =>
    forecastOne(name, counts[i] ?? null, models.get(name) ?? null, objects.get(name) ?? { viewAll: false, throughParents: false }),
  );
}
