import { z } from 'zod';
import { SalesforceError, toSalesforceError } from './errors';
import { componentsInZip, removalZip, saveZip } from './metadata-files';
import type { MetadataRecord } from './metadata-record';
import { abortableSleep, abortReason, neverAborted, withRetry, type RetryPolicy } from './retry';

/**
 * Deploy and retrieve, for an org that refuses the CRUD calls for a type (fact ECA-CRUD-CALLS):
 * each is started, then its status polled with a doubling pause until Salesforce says it is done.
 */

/** jsforce's file-based calls seen untyped; its answers are checked here. */
export interface SoapFileApi {
  deploy(zipBase64: string, options: Record<string, boolean>): PromiseLike<unknown>;
  checkDeployStatus(id: string, includeDetails: boolean): Promise<unknown>;
  retrieve(request: Record<string, unknown>): PromiseLike<unknown>;
  checkRetrieveStatus(id: string): Promise<unknown>;
}

const asyncIdSchema = z.object({ id: z.string().min(1) });

const messageSchema = z.object({
  componentType: z.string().nullish(),
  fullName: z.string().nullish(),
  problem: z.string().nullish(),
  problemType: z.string().nullish(),
  success: z.union([z.boolean(), z.string()]).transform((v) => v === true || v === 'true'),
});
const list = <T extends z.ZodType>(item: T) =>
  z
    .union([z.array(item), item])
    .nullish()
    .transform((v) => (v === null || v === undefined ? [] : Array.isArray(v) ? v : [v]));

const deployStatusSchema = z.object({
  done: z.boolean(),
  status: z.string(),
  success: z.boolean(),
  errorMessage: z.string().nullish(),
  details: z.object({ componentFailures: list(messageSchema), componentSuccesses: list(messageSchema) }).nullish(),
});
type DeployStatus = z.infer<typeof deployStatusSchema>;

const retrieveStatusSchema = z.object({
  done: z.boolean(),
  status: z.string(),
  errorMessage: z.string().nullish(),
  zipFile: z.string().nullish(),
});

/** How long a deploy or retrieve may take before the app stops waiting and says so. */
export const FILE_CALL_WAIT_MS = 10 * 60_000;
const FIRST_POLL_MS = 500;
const MAX_POLL_MS = 5_000;

export interface FileCalls {
  /** Creates or replaces the components (a deploy; all or none). */
  save(type: string, components: MetadataRecord[]): Promise<void>;
  /** Deletes them (a destructive deploy); `missing` lists names that were already gone. */
  remove(type: string, fullNames: string[]): Promise<{ missing: string[] }>;
  /** The components that exist, as `readMetadata` would answer them (a retrieve). */
  read(type: string, fullNames: string[]): Promise<Record<string, unknown>[]>;
}

export function createFileCalls(
  api: SoapFileApi,
  apiVersion: () => string,
  retry: RetryPolicy,
  signal: AbortSignal = neverAborted,
): FileCalls {
  const sleep = abortableSleep(retry.sleep, () => signal);
  const call = async <T>(operation: () => PromiseLike<T>): Promise<T> => {
    try {
      return await operation();
    } catch (error) {
      throw toSalesforceError(error);
    }
  };

  /** Polls `check` until done, pausing 0.5 s, 1 s, 2 s … up to 5 s; a cancelled run stops between polls. */
  async function poll<T extends { done: boolean }>(what: string, check: () => Promise<T>): Promise<T> {
    let waited = 0;
    for (let pause = FIRST_POLL_MS; ; pause = Math.min(MAX_POLL_MS, pause * 2)) {
      if (signal.aborted) throw abortReason(signal);
      await sleep(pause);
      waited += pause;
      const status = await withRetry(retry, check);
      if (status.done) return status;
      if (waited >= FILE_CALL_WAIT_MS)
        throw new SalesforceError(
          'DEPLOY_TIMEOUT',
          `Salesforce has not finished the ${what} after ${Math.round(waited / 60_000)} minutes. Setup > Deployment Status shows how it is going; try again when it has finished.`,
        );
    }
  }

  async function deploy(zip: string, ignoreWarnings: boolean): Promise<DeployStatus> {
    const started = asyncIdSchema.parse(await call(() => api.deploy(zip, { ignoreWarnings, rollbackOnError: true, singlePackage: true })));
    const status = await poll('deploy', async () => deployStatusSchema.parse(await call(() => api.checkDeployStatus(started.id, true))));
    if (status.success) return status;
    throw deployError(status);
  }

  return {
    async save(type, components) {
      await deploy(saveZip(apiVersion(), type, components), false);
    },
    async remove(type, fullNames) {
      const status = await deploy(removalZip(apiVersion(), type, fullNames), true);
      const missing = (status.details?.componentSuccesses ?? [])
        .filter((m) => m.problemType === 'Warning' && m.fullName)
        .map((m) => m.fullName ?? '');
      return { missing };
    },
    async read(type, fullNames) {
      const request = { apiVersion: apiVersion(), singlePackage: true, unpackaged: { types: [{ members: fullNames, name: type }] } };
      const started = asyncIdSchema.parse(await call(() => api.retrieve(request)));
      const status = await poll('retrieve', async () => retrieveStatusSchema.parse(await call(() => api.checkRetrieveStatus(started.id))));
      if (status.status !== 'Succeeded' || !status.zipFile)
        throw new SalesforceError('RETRIEVE_FAILED', `Salesforce could not read ${type}: ${status.errorMessage ?? status.status}.`);
      return componentsInZip(status.zipFile, type);
    },
  };
}

/** The first component Salesforce refused, in its words, naming the component (the admin sees this). */
export function deployError(status: DeployStatus): SalesforceError {
  const failures = status.details?.componentFailures ?? [];
  const first = failures.find((m) => m.problem) ?? failures[0];
  if (!first)
    return new SalesforceError('DEPLOY_FAILED', `Salesforce did not deploy the change (${status.errorMessage ?? status.status}).`);
  const what = [first.componentType, first.fullName].filter(Boolean).join(' ');
  const more = failures.length > 1 ? ` (and ${failures.length - 1} more)` : '';
  return new SalesforceError('DEPLOY_FAILED', `${what}: ${first.problem ?? 'Salesforce did not deploy it.'}${more}`);
}
