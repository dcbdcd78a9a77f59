import { SalesforceError } from './errors';
import type { FileCalls } from './metadata-deploy';
import { deployable } from './metadata-files';
import type { MetadataClient } from './metadata-record';

/**
 * Orgs (by instance URL) that refused a CRUD call for the External Client App types this session:
 * their next change goes straight to a deploy instead of being refused again first.
 */
const crudRefusedOrgs = new Set<string>();

/** The answer of an org that serves a type only through deploy and retrieve (fact ECA-CRUD-CALLS). */
export const crudCallRefused = (error: unknown): boolean =>
  error instanceof SalesforceError && error.code === 'INVALID_TYPE' && /not available for this organization/i.test(error.message);

/** `crud` as it is, but for a deployable type the org refused: then the same change through `files`. */
export function withDeployFallback(crud: MetadataClient, files: FileCalls, org: () => string): MetadataClient {
  const either = async <T>(type: string, viaCrud: () => Promise<T>, viaFiles: () => Promise<T>): Promise<T> => {
    if (!deployable(type)) return viaCrud();
    if (crudRefusedOrgs.has(org())) return viaFiles();
    try {
      return await viaCrud();
    } catch (error) {
      if (!crudCallRefused(error)) throw error;
      crudRefusedOrgs.add(org());
      return viaFiles();
    }
  };
  return {
    create: (type, components) =>
      either(
        type,
        () => crud.create(type, components),
        () => files.save(type, components),
      ),
    update: (type, components) =>
      either(
        type,
        () => crud.update(type, components),
        () => files.save(type, components),
      ),
    upsert: (type, components) =>
      either(
        type,
        () => crud.upsert(type, components),
        () => files.save(type, components),
      ),
    read: (type, fullNames) =>
      either(
        type,
        () => crud.read(type, fullNames),
        () => files.read(type, fullNames),
      ),
    delete: (type, fullNames) =>
      either(
        type,
        () => crud.delete(type, fullNames),
        () => files.remove(type, fullNames),
      ),
    // listMetadata serves every type either way.
    list: (types) => crud.list(types),
  };
}
