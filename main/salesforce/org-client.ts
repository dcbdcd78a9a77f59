/** What the app knows of the org's REST API: limits, request shapes and the client's interface. */
import type { z } from 'zod';
import type { SalesforceError } from './errors';
import type { MetadataClient } from './metadata';
import type { describeGlobalSchema, SaveResult, SObjectDescribe } from './schemas';

/** External Client App metadata needs v59+; everything here speaks Spring '26. */
export const API_VERSION = '66.0';

/** A Composite reference to an earlier subrequest's result (`@{permissionSet.id}`): no real value yet. */
export const isReference = (value: string): boolean => value.startsWith('@{');

/** sObject Collections take at most 200 records per call; Composite 25 subrequests, 5 of them queries. */
export const COLLECTION_LIMIT = 200;
export const COMPOSITE_LIMIT = 25;
export const COMPOSITE_QUERY_LIMIT = 5;

export type Row = Record<string, unknown>;

export interface CompositeSubrequest {
  referenceId: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Relative to the versioned REST base, e.g. `/query?q=...` or `/sobjects/Account/describe`. */
  url: string;
  body?: unknown;
}

export type SubResult = { ok: true; body: unknown } | { ok: false; error: SalesforceError };

/**
 * The org as the app talks to it: typed, validated, retrying what is safe to repeat. Changes
 * (create/update/delete) are not retried here: a step looks again before it repeats a change.
 */
export interface OrgClient {
  readonly instanceUrl: string;
  query(soql: string): Promise<Row[]>;
  /** A query of the Tooling API (`/tooling/query`), for setup objects the data API does not reach (fact USER-VALIDATION-RULES). */
  toolingQuery(soql: string): Promise<Row[]>;
  /** Independent requests in one round trip (several Composites sent at once beyond the limits); each answer comes back on its own. */
  composite(requests: CompositeSubrequest[]): Promise<Map<string, SubResult>>;
  /** Dependent changes in one all-or-none request (later ones may refer to `@{ref.id}`); throws the first real error. */
  compositeAllOrNone(requests: CompositeSubrequest[]): Promise<Map<string, unknown>>;
  create(type: string, record: Row): Promise<string>;
  update(type: string, id: string, fields: Row): Promise<void>;
  /** Tolerates records that are already gone; returns whether anything was deleted. */
  destroy(type: string, id: string): Promise<boolean>;
  /** sObject Collections, one type per call, chunked by 200, all-or-none per chunk; throws the first refused record. */
  createMany(type: string, records: Row[]): Promise<SaveResult[]>;
  /** Records carry their `Id`; one type per call. */
  updateMany(type: string, records: Row[]): Promise<SaveResult[]>;
  /**
   * Deletes records of one sObject type (fact COLLECTIONS-MIXED-DELETE: setup types can't share a
   * call); records already gone count as removed. Throws the first record Salesforce refused;
   * returns how many it deleted.
   */
  destroyMany(type: string, ids: string[]): Promise<number>;
  describe(object: string): Promise<SObjectDescribe>;
  describeGlobal(): Promise<z.infer<typeof describeGlobalSchema>['sobjects']>;
  /** `GET /limits`: the org's allowances and what is left of them (fact API-REQUEST-LIMIT). */
  limits(): Promise<unknown>;
  readonly metadata: MetadataClient;
}

export const soqlQuote = (value: string): string => `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function queryUrl(soql: string): string {
  return `/query?q=${encodeURIComponent(soql)}`;
}
