import { defaultAccessProfile } from '../common';
import { COLLECTION_LIMIT, COMPOSITE_QUERY_LIMIT } from '../main/salesforce/client';

/**
 * The theoretical floor: the requests no implementation can avoid, link by link. Each link waits for
 * the one before it (ids, or the permission set the app's policy names), and within a link every
 * request already carries as much as Salesforce accepts. Token grants (activation) are not counted.
 */
export interface ChainLink {
  what: string;
  requests: number;
}

export const ENABLE_CHAIN: readonly ChainLink[] = [
  { what: 'read the org for the review: pre-flight look-ups and the describes, in one Composite', requests: 1 },
  {
    what: 'permission set, object permissions, field permissions, integration user, licence and permission set assignment, in one all-or-none Composite (one more for every five collections past the first five, fact COMPOSITE-LIMITS)',
    requests: 1,
  },
  { what: 'External Client App: createMetadata for header, OAuth settings and global OAuth settings (one type per call)', requests: 3 },
  {
    what: 'find the policy records Salesforce may have made itself: one listMetadata for both policy types (fact ECA-POLICIES)',
    requests: 1,
  },
  {
    what: "configurable and OAuth policies, pre-authorising the permission set: upsertMetadata, one type per call (reading the listed records first, as the app does to be sure they are its own, is avoidable when their names carry the app's)",
    requests: 2,
  },
  {
    what: 'verify as the agent: one query for every granted object and one for the refused one, five queries a Composite (the default profile: seven objects, so two)',
    requests: Math.ceil((defaultAccessProfile.objects.length + 1) / COMPOSITE_QUERY_LIMIT),
  },
];

export const DISABLE_CHAIN: readonly ChainLink[] = [
  {
    what: 'deleteMetadata for the four satellites, then the app (one type per call); the connection record says what exists. The app also lists what is left afterwards, which the per-component results make avoidable',
    requests: 5,
  },
  { what: 'assignment, licence assignment, user deactivation and permission set (with its grants) in one Composite', requests: 1 },
];

const total = (chain: readonly ChainLink[]) => chain.reduce((sum, link) => sum + link.requests, 0);

/** The field permission rows an enable with F generated custom fields writes: F and the default profile's fields (at most: an org may lack some). */
export function fieldRows(customFields: number): number {
  return customFields + defaultAccessProfile.objects.reduce((sum, o) => sum + o.fields.length, 0);
}

/** ⌈rows/200⌉: the FieldPermissions collections the rows need at 200 records per call. */
export function fieldCollections(rows: number): number {
  return Math.ceil(rows / COLLECTION_LIMIT);
}

/** All-or-none Composites the build needs: the object permissions' collection and the field ones, five a Composite. */
export function buildComposites(customFields: number): number {
  return Math.ceil((1 + fieldCollections(fieldRows(customFields))) / COMPOSITE_QUERY_LIMIT);
}

export function enableFloor(customFields: number): number {
  return total(ENABLE_CHAIN) - 1 + buildComposites(customFields);
}

export function disableFloor(): number {
  return total(DISABLE_CHAIN);
}

/**
 * The request budget for one enable, review included, the one
 * main/connection/scenarios/request-budget.integration.test.ts holds the app to: 10 + ⌈rows/1000⌉ for
 * its field permission rows, activation polling aside (the app chooses its consumer key, fact
 * ECA-CONSUMER-KEY-CHOICE, so nothing is read back).
 */
export function enableBudget(customFields: number): number {
  return 10 + Math.ceil(fieldRows(customFields) / 1000);
}
