import type { Connection } from 'jsforce';
import { z } from 'zod';
import { SalesforceError, toSalesforceError } from './errors';
import { abortReason, neverAborted, withRetry, type RetryPolicy } from './retry';
import { filePropertiesSchema, metadataSaveResultSchema, type MetadataSaveResult } from './schemas';

/** A metadata component as the SOAP layer carries it: strings, nested objects and lists. */
export type MetadataValue = string | boolean | number | MetadataRecord | MetadataValue[];
export interface MetadataRecord {
  [key: string]: MetadataValue;
}

/** Metadata CRUD takes at most 10 components per call. */
const MAX_COMPONENTS = 10;

/**
 * Keys in WSDL order (fullName first, then alphabetical): the Metadata parser may drop or reject
 * elements out of sequence (fact METADATA-ELEMENT-ORDER), so every component we send is ordered.
 */
export function inWsdlOrder(record: MetadataRecord): MetadataRecord {
  const keys = Object.keys(record).sort((a, b) => (a === 'fullName' ? -1 : b === 'fullName' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const ordered: MetadataRecord = {};
  for (const key of keys) {
    const value = record[key];
    if (value === undefined) continue;
    ordered[key] = isRecord(value) ? inWsdlOrder(value) : value;
  }
  return ordered;
}

function isRecord(value: MetadataValue): value is MetadataRecord {
  return typeof value === 'object' && !Array.isArray(value);
}

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

export interface MetadataClient {
  /** Creates components of one type; any unsuccessful result throws with Salesforce's code. */
  create(type: string, components: MetadataRecord[]): Promise<void>;
  update(type: string, components: MetadataRecord[]): Promise<void>;
  /** Updates the components that exist and creates the others, in one call per 10. */
  upsert(type: string, components: MetadataRecord[]): Promise<void>;
  /** Only the components that exist (readMetadata answers a missing name with an empty record). */
  read(type: string, fullNames: string[]): Promise<Record<string, unknown>[]>;
  /** Deletes; `missing` lists names that were already gone (not an error). */
  delete(type: string, fullNames: string[]): Promise<{ missing: string[] }>;
  list(types: string[]): Promise<{ type: string; fullName: string }[]>;
}

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

/** Metadata API CRUD through jsforce's SOAP client, with results checked (SOAP never throws on them). */
/** jsforce's SOAP calls seen untyped: its typings only know the v47 schema, which has no ECA types. */
interface SoapMetadataApi {
  create(type: string, records: MetadataRecord[]): Promise<unknown>;
  update(type: string, records: MetadataRecord[]): Promise<unknown>;
  upsert(type: string, records: MetadataRecord[]): Promise<unknown>;
  read(type: string, fullNames: string[]): Promise<unknown>;
  delete(type: string, fullNames: string[]): Promise<unknown>;
  list(queries: { type: string }[]): Promise<unknown>;
}

/** `signal`: a run's Cancel, checked before each SOAP request is sent (client.ts createOrgClient). */
export function createMetadataClient(conn: Connection, retry: RetryPolicy, signal: AbortSignal = neverAborted): MetadataClient {
  const api = conn.metadata as unknown as SoapMetadataApi;
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
