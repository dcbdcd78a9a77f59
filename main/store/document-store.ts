/**
 * A small JSON document persisted under the data directory. The desktop host backs it with
 * electron-store; the CLI, browser mode and tests with `conf` (what electron-store is built on).
 * Everything above this interface is host-neutral.
 */
export interface DocumentStore<T> {
  read(): T;
  write(value: T): void;
  /** Where the file lives, for diagnostics (never contents). */
  readonly path: string;
}

/** Creates the named documents of one data directory (settings, journal, audit, vault...). */
export type DocumentStoreFactory = <T>(name: string, spec: DocumentSpec<T>) => DocumentStore<T>;

export interface DocumentSpec<T> {
  defaults: T;
  /** Parses what is on disk (after migration); an invalid file falls back to `defaults`. */
  parse(raw: unknown): T;
  /** Brings an older document up to the current shape; keyed by the document's own version field. */
  migrate?(raw: unknown): unknown;
}

/** Keeps documents in memory: tests, and hosts told not to write. */
export function createMemoryStoreFactory(): DocumentStoreFactory {
  const documents = new Map<string, unknown>();
  return <T>(name: string, spec: DocumentSpec<T>): DocumentStore<T> => ({
    path: `memory:${name}`,
    read: () => (documents.has(name) ? spec.parse(documents.get(name)) : structuredClone(spec.defaults)),
    write: (value: T) => void documents.set(name, structuredClone(value)),
  });
}

/** Shared by the file-backed factories: migrate, parse, fall back to defaults. */
export function readDocument<T>(raw: unknown, spec: DocumentSpec<T>): T {
  if (raw === undefined) return structuredClone(spec.defaults);
  try {
    return spec.parse(spec.migrate ? spec.migrate(raw) : raw);
  } catch {
    return structuredClone(spec.defaults);
  }
}
