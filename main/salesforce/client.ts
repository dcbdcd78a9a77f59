import jsforce, { type Connection } from 'jsforce';
import { z } from 'zod';
import { SalesforceError, toSalesforceError } from './errors';
import { createMetadataClient } from './metadata';
import { abortReason, neverAborted, withRetry, type RetryPolicy } from './retry';
import {
  compositeResponseSchema,
  createdSchema,
  describeGlobalSchema,
  queryResultSchema,
  restErrorSchema,
  saveResultSchema,
  sobjectDescribeSchema,
  type SaveResult,
} from './schemas';

export {
  API_VERSION,
  COLLECTION_LIMIT,
  COMPOSITE_LIMIT,
  COMPOSITE_QUERY_LIMIT,
  isReference,
  queryUrl,
  soqlQuote,
  type CompositeSubrequest,
  type OrgClient,
  type Row,
  type SubResult,
} from './org-client';
import {
  API_VERSION,
  COLLECTION_LIMIT,
  COMPOSITE_LIMIT,
  COMPOSITE_QUERY_LIMIT,
  queryUrl,
  type CompositeSubrequest,
  type OrgClient,
  type Row,
  type SubResult,
} from './org-client';

const notFoundCodes = new Set(['NOT_FOUND', 'ENTITY_IS_DELETED', 'INVALID_CROSS_REFERENCE_KEY']);
const rolledBackCodes = new Set(['PROCESSING_HALTED', 'ALL_OR_NONE_OPERATION_ROLLED_BACK']);

function restError(body: unknown, fallback: string, referenceId?: string): SalesforceError {
  const parsed = z.array(restErrorSchema).safeParse(body);
  const first = parsed.success ? parsed.data[0] : undefined;
  if (!first) return new SalesforceError(fallback, 'Salesforce reported an error.', [], referenceId);
  return new SalesforceError(first.errorCode ?? first.statusCode ?? fallback, first.message, first.fields ?? [], referenceId);
}

/**
 * The first record a collection refused, as an error that names it (fact COLLECTIONS-PER-RECORD: the
 * HTTP status says 200 either way); records only rolled back because of another one say nothing about
 * the cause. `tolerated` codes count as success.
 */
function refusedRecord(
  results: readonly SaveResult[],
  what: string,
  tolerated: ReadonlySet<string> = new Set(),
  referenceId?: string,
): SalesforceError | undefined {
  const refused = results
    .map((r, index) => ({ r, index, error: r.errors[0] }))
    .filter(({ r, error }) => !r.success && !tolerated.has(error?.statusCode ?? error?.errorCode ?? ''));
  const cause = refused.find(({ error }) => !rolledBackCodes.has(error?.statusCode ?? error?.errorCode ?? '')) ?? refused[0];
  if (!cause) return undefined;
  const code = cause.error?.statusCode ?? cause.error?.errorCode ?? 'UNKNOWN';
  const record = cause.r.id ? `${what} ${cause.r.id}` : `${what} #${cause.index + 1}`;
  return new SalesforceError(
    code,
    `${record}: ${cause.error?.message ?? 'Salesforce did not save it.'}`,
    cause.error?.fields ?? [],
    referenceId,
  );
}

/** A subrequest's answer: HTTP errors and collections with a refused record are both failures. */
function subResult(sub: { body: unknown; httpStatusCode: number; referenceId: string }): SubResult {
  if (sub.httpStatusCode >= 400) return { ok: false, error: restError(sub.body, `ERROR_HTTP_${sub.httpStatusCode}`, sub.referenceId) };
  const collection = z.array(saveResultSchema).safeParse(sub.body);
  const refused = collection.success ? refusedRecord(collection.data, 'Record', new Set(), sub.referenceId) : undefined;
  return refused ? { ok: false, error: refused } : { ok: true, body: sub.body };
}

function checked(results: SaveResult[], type: string): SaveResult[] {
  const refused = refusedRecord(results, type);
  if (refused) throw refused;
  return results;
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** `signal` (a run's Cancel) is checked where requests are sent: jsforce takes none, so one in flight finishes; a cancel also stops waiting for a deploy (fact ECA-CRUD-CALLS). */
export function createOrgClient(conn: Connection, retry: RetryPolicy, signal: AbortSignal = neverAborted): OrgClient {
  // jsforce defaults to v50, which predates External Client Apps; Metadata calls use conn.version.
  if (Number.parseFloat(conn.version) < Number.parseFloat(API_VERSION)) conn.version = API_VERSION;
  const wire = connect(conn, retry, signal);
  return {
    get instanceUrl() {
      return conn.instanceUrl;
    },
    query: (soql) => queryAll(wire, soql),
    toolingQuery: (soql) => queryAll(wire, soql, '/tooling'),
    ...compositeCalls(wire),
    ...recordCalls(wire),
    ...collectionCalls(wire),
    describe: async (object) => sobjectDescribeSchema.parse(await wire.read(`/sobjects/${object}/describe`)),
    describeGlobal: async () => describeGlobalSchema.parse(await wire.read('/sobjects')).sobjects,
    limits: () => wire.send('GET', '/limits'),
    metadata: createMetadataClient(conn, retry, signal),
  };
}

/** Over a bare access token (the agent's: the JWT bearer grant has no refresh token). */
export function createTokenOrgClient(token: { instanceUrl: string; accessToken: string }, retry: RetryPolicy): OrgClient {
  return createOrgClient(
    new jsforce.Connection({ instanceUrl: token.instanceUrl, accessToken: token.accessToken, version: API_VERSION }),
    retry,
  );
}

/** How the client reaches the org's REST API: any request, and a read that is safe to repeat. */
interface Wire {
  readonly base: string;
  readonly retry: RetryPolicy;
  readonly send: (method: CompositeSubrequest['method'], url: string, body?: unknown) => Promise<unknown>;
  readonly read: (url: string) => Promise<unknown>;
}

function connect(conn: Connection, retry: RetryPolicy, signal: AbortSignal): Wire {
  const base = `/services/data/v${API_VERSION}`;
  // Our own backoff (injectable sleep) replaces jsforce's built-in retry of GETs.
  const noJsforceRetry = { retry: { maxRetries: 0 } } as const;
  const send: Wire['send'] = async (method, url, body) => {
    if (signal.aborted) throw abortReason(signal);
    try {
      return await conn.request(
        {
          method,
          url: `${base}${url}`,
          body: body === undefined ? undefined : JSON.stringify(body),
          headers: body === undefined ? {} : { 'content-type': 'application/json' },
        },
        noJsforceRetry,
      );
    } catch (error) {
      throw toSalesforceError(error);
    }
  };
  return { base, retry, send, read: (url) => withRetry(retry, () => send('GET', url)) };
}

async function queryAll(wire: Wire, soql: string, api: '' | '/tooling' = ''): Promise<Row[]> {
  const rows: Row[] = [];
  let page = queryResultSchema.parse(await wire.read(`${api}${queryUrl(soql)}`));
  rows.push(...page.records);
  while (!page.done && page.nextRecordsUrl) {
    const next = page.nextRecordsUrl.replace(/^\/services\/data\/v[\d.]+/, '');
    page = queryResultSchema.parse(await wire.read(next));
    rows.push(...page.records);
  }
  return rows.map(withoutAttributes);
}

function compositeCalls({ base, retry, send }: Wire): Pick<OrgClient, 'composite' | 'compositeAllOrNone'> {
  return {
    async composite(requests) {
      const results = new Map<string, SubResult>();
      // The batches are independent (no references across them): sent side by side, they cost one round trip.
      // Every Composite runs in the order sent (fact COMPOSITE-ORDER): one rule, and reads lose nothing by it.
      const answers = await Promise.all(
        compositeBatches(requests).map((batch) =>
          withRetry(retry, () =>
            send('POST', '/composite', {
              allOrNone: false,
              collateSubrequests: false,
              compositeRequest: batch.map((r) => ({ ...r, url: `${base}${r.url}` })),
            }),
          ),
        ),
      );
      for (const raw of answers) {
        for (const sub of compositeResponseSchema.parse(raw).compositeResponse) results.set(sub.referenceId, subResult(sub));
      }
      return results;
    },
    async compositeAllOrNone(requests) {
      // Our changes depend on one another beyond the `@{ref}` references Salesforce sees (a licence
      // before the assignment that needs it, an assignment before the set it holds is deleted), so
      // they must run in the order sent: fact COMPOSITE-ORDER.
      const raw = await send('POST', '/composite', {
        allOrNone: true,
        collateSubrequests: false,
        compositeRequest: requests.map((r) => ({ ...r, url: `${base}${r.url}` })),
      });
      const bodies = new Map<string, unknown>();
      const errors: SalesforceError[] = [];
      for (const sub of compositeResponseSchema.parse(raw).compositeResponse) {
        const result = subResult(sub);
        if (result.ok) bodies.set(sub.referenceId, result.body);
        else errors.push(result.error);
      }
      // Subrequests halted or rolled back because of another one say nothing about the cause.
      const cause = errors.find((e) => !rolledBackCodes.has(e.code)) ?? errors[0];
      if (cause) throw cause;
      return bodies;
    },
  };
}

function recordCalls({ send }: Wire): Pick<OrgClient, 'create' | 'update' | 'destroy'> {
  return {
    async create(type, record) {
      return createdSchema.parse(await send('POST', `/sobjects/${type}`, record)).id;
    },
    async update(type, id, fields) {
      await send('PATCH', `/sobjects/${type}/${id}`, fields);
    },
    async destroy(type, id) {
      try {
        await send('DELETE', `/sobjects/${type}/${id}`);
        return true;
      } catch (error) {
        if (error instanceof SalesforceError && notFoundCodes.has(error.code)) return false;
        throw error;
      }
    },
  };
}

function collectionCalls({ send }: Wire): Pick<OrgClient, 'createMany' | 'updateMany' | 'destroyMany'> {
  // Creates and updates differ only in the verb: each chunk is all-or-none and refuses as one.
  const save = async (method: 'POST' | 'PATCH', type: string, records: Row[]): Promise<SaveResult[]> => {
    const results: SaveResult[] = [];
    for (const batch of chunks(records, COLLECTION_LIMIT)) {
      const raw = await send(method, '/composite/sobjects', {
        allOrNone: true,
        records: batch.map((r) => ({ attributes: { type }, ...r })),
      });
      results.push(...checked(z.array(saveResultSchema).parse(raw), type));
    }
    return results;
  };
  return {
    createMany: (type, records) => save('POST', type, records),
    updateMany: (type, records) => save('PATCH', type, records),
    async destroyMany(type, ids) {
      let deleted = 0;
      for (const batch of chunks(ids, COLLECTION_LIMIT)) {
        const raw = await send('DELETE', `/composite/sobjects?ids=${batch.join(',')}&allOrNone=false`);
        const results = z.array(saveResultSchema).parse(raw);
        const refused = refusedRecord(results, type, notFoundCodes);
        if (refused) throw refused;
        deleted += results.filter((r) => r.success).length;
      }
      return deleted;
    },
  };
}

function withoutAttributes(row: Row): Row {
  const { attributes: _attributes, ...rest } = row;
  return rest;
}

/** Splits subrequests so each Composite call keeps within 25 subrequests and 5 queries. */
export function compositeBatches(requests: CompositeSubrequest[]): CompositeSubrequest[][] {
  const batches: CompositeSubrequest[][] = [];
  let current: CompositeSubrequest[] = [];
  let queries = 0;
  for (const request of requests) {
    const isQuery = request.url.startsWith('/query') || request.url.startsWith('/composite/sobjects');
    if (current.length === COMPOSITE_LIMIT || (isQuery && queries === COMPOSITE_QUERY_LIMIT)) {
      batches.push(current);
      current = [];
      queries = 0;
    }
    current.push(request);
    if (isQuery) queries++;
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** Rows of a composite query subresponse (validated), or the subrequest's error. */
export function queryRows(result: SubResult | undefined): Row[] {
  if (!result) return [];
  if (!result.ok) throw result.error;
  return queryResultSchema.parse(result.body).records.map(withoutAttributes);
}

/** Deletes every `type` record matching `where`; for clean-up of records no journal recorded. */
export async function destroyFound(client: Pick<OrgClient, 'query' | 'destroyMany'>, type: string, where: string): Promise<void> {
  const ids = (await client.query(`SELECT Id FROM ${type} WHERE ${where}`)).flatMap((row) => (typeof row.Id === 'string' ? [row.Id] : []));
  if (ids.length > 0) await client.destroyMany(type, ids);
}
