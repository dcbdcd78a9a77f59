import { z } from 'zod';
import { connectionStatuses, watchCheckSchema, type ConnectionStatus, type WatchCheck } from '../../common';
import type { DocumentStoreFactory } from '../store/document-store';

/** How many checks the history keeps: a month of checks every 6 hours for a few orgs. */
export const HISTORY_LIMIT = 200;

const documentSchema = z.object({
  version: z.literal(1),
  /** Incoming webhooks to post changes to; each address is its own secret, so the file is the owner's only (0600). */
  webhooks: z.object({ slack: z.string().optional(), teams: z.string().optional() }),
  /** Each profile's status at the last background check: a change since is what is announced. */
  last: z.record(z.string(), z.enum(connectionStatuses)),
  history: z.array(watchCheckSchema),
});
export type WatchDocument = z.infer<typeof documentSchema>;

export interface WatchStore {
  read(): WatchDocument;
  setWebhooks(webhooks: WatchDocument['webhooks']): void;
  /** Adds one run's checks, newest first, keeping HISTORY_LIMIT, and remembers each profile's status. */
  record(checks: WatchCheck[], last: Record<string, ConnectionStatus>): void;
}

export function createWatchStore(stores: DocumentStoreFactory): WatchStore {
  const document = stores('watch', {
    defaults: { version: 1 as const, webhooks: {}, last: {}, history: [] },
    parse: (raw) => documentSchema.parse(raw),
  });
  return {
    read: () => document.read(),
    setWebhooks(webhooks) {
      document.write({ ...document.read(), webhooks });
    },
    record(checks, last) {
      const current = document.read();
      const history = [...checks, ...current.history].slice(0, HISTORY_LIMIT);
      document.write({ ...current, last: { ...current.last, ...last }, history });
    },
  };
}
