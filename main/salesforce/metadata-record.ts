/** A metadata component as the app builds it, for the CRUD calls and deploy files alike: strings, nested objects and lists. */
export type MetadataValue = string | boolean | number | MetadataRecord | MetadataValue[];
export interface MetadataRecord {
  [key: string]: MetadataValue;
}

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

/** The Metadata API as the app's steps use it, whichever calls carry it (fact ECA-CRUD-CALLS). */
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
