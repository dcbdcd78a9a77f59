import type { Connection } from 'jsforce';
import { z } from 'zod';
import { SalesforceError, toSalesforceError } from './errors';
import { abortReason, neverAborted, withRetry, type RetryPolicy } from './retry';
import { filePropertiesSchema, metadataSaveResultSchema, type MetadataSaveResult } from './schemas';

import { createFileCalls, type SoapFileApi } from './metadata-deploy';
import { withDeployFallback } from './metadata-fallback';
import { inWsdlOrder, type MetadataClient, type MetadataRecord } from './metadata-record';

export { inWsdlOrder, type MetadataClient, type MetadataRecord, type MetadataValue } from './metadata-record';

/** Metadata CRUD takes at most 10 components per call. */
const MAX_COMPONENTS = 10;

const readRecordSchema = z.record(z.string(), z.unknown());

function asArray<T>(value: T | T[] | undefined | null): T[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Codes a delete of something already gone comes back with. */
const notFoundCodes = new Set(['INVALID_CROSS_REFERENCE_KEY', 'NOT_FOUND', 'ENTITY_IS_DELETED']);

function check(results: MetadataSaveResult[], tolerateMissing = false): string[] {
  const missing: string[] = [];
  for (const result of results) {
    if (result.success) continue;
    const first = result.errors[0];
    if (tolerateMissing && first && notFoundCodes.has(first.statusCode)) {
      missing.push(result.fullName ?? '');
      continue;
    }
    throw new SalesforceError(
      first?.statusCode ?? 'UNKNOWN',
      first?.message ?? `Salesforce did not save ${result.fullName ?? 'a component'}.`,
    );
  }
  return missing;
}

function parseResults(raw: unknown): MetadataSaveResult[] {
  return asArray(raw).map((r) => metadataSaveResultSchema.parse(r));
}

/** jsforce's SOAP calls seen untyped: its typings only know the v47 schema, which has no ECA types. */
interface SoapMetadataApi extends SoapFileApi {
  create(type: string, records: MetadataRecord[]): Promise<unknown>;
  update(type: string, records: MetadataRecord[]): Promise<unknown>;
  upsert(type: string, records: MetadataRecord[]): Promise<unknown>;
  read(type: string, fullNames: string[]): Promise<unknown>;
  delete(type: string, fullNames: string[]): Promise<unknown>;
  list(queries: { type: string }[]): Promise<unknown>;
}

/**
 * The Metadata API as the app uses it: the CRUD calls, and for an org that refuses them for the
 * External Client App types, the same changes as deploys and retrieves (fact ECA-CRUD-CALLS).
 * `signal`: a run's Cancel, checked before each SOAP request is sent and between deploy polls.
 */
export function createMetadataClient(conn: Connection, retry: RetryPolicy, signal: AbortSignal = neverAborted): MetadataClient {
  const api = conn.metadata as unknown as SoapMetadataApi;
  const files = createFileCalls(api, () => conn.version, retry, signal);
  return withDeployFallback(crudClient(api, retry, signal), files, () => conn.instanceUrl);
}

/** Metadata API CRUD through jsforce's SOAP client, with results checked (SOAP never throws on them). */
function crudClient(api: SoapMetadataApi, retry: RetryPolicy, signal: AbortSignal): MetadataClient {
  const call = async <T>(operation: () => Promise<T>): Promise<T> => {
    if (signal.aborted) throw abortReason(signal);
    try {
      return await operation();
    } catch (error) {
      throw toSalesforceError(error);
    }
  };
  const save = async (method: 'create' | 'update' | 'upsert', type: string, components: MetadataRecord[]): Promise<void> => {
    for (const batch of chunks(components.map(inWsdlOrder), MAX_COMPONENTS)) {
      // jsforce's types only know its v47 schema; the SOAP layer sends any record it is given.
      const raw: unknown = await call(() => api[method](type, batch));
      check(parseResults(raw));
    }
  };
  return {
    create: (type, components) => save('create', type, components),
    update: (type, components) => save('update', type, components),
    upsert: (type, components) => save('upsert', type, components),
    async read(type, fullNames) {
      const found: Record<string, unknown>[] = [];
      for (const batch of chunks(fullNames, MAX_COMPONENTS)) {
        const raw: unknown = await withRetry(retry, () => call(() => api.read(type, batch)));
        for (const record of asArray(raw)) {
          const parsed = readRecordSchema.safeParse(record);
          if (parsed.success && typeof parsed.data.fullName === 'string' && parsed.data.fullName !== '') found.push(parsed.data);
        }
      }
      return found;
    },
    async delete(type, fullNames) {
      const missing: string[] = [];
      for (const batch of chunks(fullNames, MAX_COMPONENTS)) {
        const raw: unknown = await call(() => api.delete(type, batch));
        missing.push(...check(parseResults(raw), true));
      }
      return { missing };
    },
    async list(types) {
      const out: { type: string; fullName: string }[] = [];
      // listMetadata takes up to three queries per call.
      for (const batch of chunks(types, 3)) {
        const raw: unknown = await withRetry(retry, () => call(() => api.list(batch.map((type) => ({ type })))));
        for (const item of asArray(raw)) {
          const parsed = filePropertiesSchema.safeParse(item);
          if (parsed.success) out.push(parsed.data);
        }
      }
      return out;
    },
  };
}

/** Metadata text fields come back as strings ("true"), whatever type was sent. */
export function metadataText(record: Record<string, unknown>, key: string): string | undefined {
  const value = record[key];
  return typeof value === 'string' ? value : typeof value === 'boolean' || typeof value === 'number' ? String(value) : undefined;
}
