import type { OrgClient } from '../../salesforce/client';
import type { MetadataClient } from '../../salesforce/metadata';
import { abortReason } from '../../salesforce/retry';

/**
 * The org client as a run sees it: each request first checks the run's signal. jsforce takes no
 * signal, so a request already sent finishes; the next one is never sent after a cancel.
 */
export function cancellableClient(client: OrgClient, signal: () => AbortSignal): OrgClient {
  const gate =
    <A extends unknown[], R>(call: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      const current = signal();
      return current.aborted ? Promise.reject(abortReason(current)) : call(...args);
    };
  const m = client.metadata;
  const metadata: MetadataClient = {
    create: gate(m.create.bind(m)),
    update: gate(m.update.bind(m)),
    upsert: gate(m.upsert.bind(m)),
    read: gate(m.read.bind(m)),
    delete: gate(m.delete.bind(m)),
    list: gate(m.list.bind(m)),
  };
  return {
    instanceUrl: client.instanceUrl,
    query: gate(client.query.bind(client)),
    toolingQuery: gate(client.toolingQuery.bind(client)),
    composite: gate(client.composite.bind(client)),
    compositeAllOrNone: gate(client.compositeAllOrNone.bind(client)),
    create: gate(client.create.bind(client)),
    update: gate(client.update.bind(client)),
    destroy: gate(client.destroy.bind(client)),
    createMany: gate(client.createMany.bind(client)),
    updateMany: gate(client.updateMany.bind(client)),
    destroyMany: gate(client.destroyMany.bind(client)),
    describe: gate(client.describe.bind(client)),
    describeGlobal: gate(client.describeGlobal.bind(client)),
    limits: gate(client.limits.bind(client)),
    metadata,
  };
}

/** A signal that never aborts: what a roll-back after a cancel runs under (it must not be cut short). */
export const neverCancelled = (): AbortSignal => new AbortController().signal;
