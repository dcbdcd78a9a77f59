import type { ObjectVisibility, VisibilityFix, VisibilityReason } from '../../../common';
import { sharingKind } from '../org/sharing';

/** What the org says about one object, and what the agent and the admin counted. */
export interface ObjectFacts {
  object: string;
  agentCount: number | null;
  adminCount: number | null;
  /** The org-wide default as the org names it (Organization or EntityDefinition value), when known. */
  sharingModel: string | null;
  viewAllData: boolean;
  viewAllRecords: boolean;
  /** Activities: reached through the records they belong to (fact ACTIVITY-OBJECT-PERMISSIONS). */
  throughParents: boolean;
  readable: string[];
  unreadable: string[];
}

function reasonOf(f: ObjectFacts): VisibilityReason {
  if (f.throughParents) return 'throughParentRecords';
  if (f.agentCount === null) return 'refused';
  if (f.viewAllData) return 'viewAllData';
  if (f.viewAllRecords) return 'viewAllRecords';
  return sharingKind(f.sharingModel);
}

const explanations: Record<VisibilityReason, (o: string) => string> = {
  viewAllData: () => 'the integration user has View All Data',
  viewAllRecords: (o) => `the agent has View All Records on ${o}`,
  public: (o) => `${o}'s org-wide default lets every user read its records`,
  controlledByParent: (o) => `${o}'s org-wide default is Controlled by Parent: the agent sees the ones whose parent record it can see`,
  private: (o) => `${o}'s org-wide default is Private and the integration user owns none of them and has no role`,
  throughParentRecords: (o) => `${o} records are seen through the records they belong to`,
  refused: (o) => `Salesforce refused the agent's query on ${o}`,
  unknown: (o) => `the org did not say ${o}'s org-wide default`,
};

/** The object's line of the report: counts, why, and the smallest fix the app can make. */
export function objectVisibility(f: ObjectFacts): ObjectVisibility {
  const reason = reasonOf(f);
  const fewer = f.agentCount !== null && f.adminCount !== null && f.agentCount < f.adminCount;
  const fix: VisibilityFix = fewer && !f.throughParents ? 'viewAllRecords' : 'none';
  const counted =
    f.agentCount === null
      ? `The agent cannot read ${f.object}`
      : `The agent sees ${f.agentCount} of ${f.adminCount ?? '?'} ${f.object} records`;
  const remedy =
    fix === 'viewAllRecords'
      ? ` Fix: View All Records on ${f.object} (the agent reads every ${f.object}), or a sharing rule in Setup for the integration user (it reads the records matching the rule).`
      : '';
  return {
    object: f.object,
    agentCanSee: f.agentCount,
    adminCanSee: f.adminCount,
    reason,
    sharingModel: f.sharingModel,
    fix,
    readableFields: f.readable,
    unreadableFields: f.unreadable,
    message: `${counted}: ${explanations[reason](f.object)}.${remedy}`,
  };
}
