import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { auditEntrySchema, type AuditEntry } from '../../common';
import type { OutgoingFile } from '../host-seams';
import type { DocumentStoreFactory } from './document-store';
import { toCsv } from '../export/csv';

const auditDocument = z.object({ version: z.literal(1), entries: z.array(auditEntrySchema) });

/** Append-only: entries are added, never edited or removed. */
export function createAuditLog(stores: DocumentStoreFactory, now: () => Date = () => new Date()): AuditLog {
  const document = stores('audit', {
    defaults: { version: 1 as const, entries: [] as AuditEntry[] },
    parse: (raw) => auditDocument.parse(raw),
  });
  return {
    list({ orgId, operation }) {
      return document
        .read()
        .entries.filter((e) => (orgId === undefined || e.orgId === orgId) && (operation === undefined || e.operation === operation))
        .reverse();
    },
    append(entry) {
      const full: AuditEntry = { ...entry, id: randomUUID(), at: now().toISOString() };
      const current = document.read();
      document.write({ ...current, entries: [...current.entries, full] });
      return full;
    },
    export(format): OutgoingFile {
      const entries = document.read().entries;
      const stamp = now().toISOString().slice(0, 10);
      if (format === 'json') {
        return {
          fileName: `agent-connections-activity-${stamp}.json`,
          mimeType: 'application/json',
          content: JSON.stringify(entries, null, 2),
        };
      }
      const rows = entries.map((e) => [e.at, e.actor, e.orgId ?? '', e.operation, e.result, e.summary, e.artifacts.join(' ')]);
      return {
        fileName: `agent-connections-activity-${stamp}.csv`,
        mimeType: 'text/csv',
        content: toCsv(['at', 'actor', 'orgId', 'operation', 'result', 'summary', 'artifacts'], rows),
      };
    },
  };
}

export interface AuditLog {
  list(filter: { orgId?: string; operation?: string }): AuditEntry[];
  append(entry: Omit<AuditEntry, 'id' | 'at'>): AuditEntry;
  export(format: 'json' | 'csv'): OutgoingFile;
}
