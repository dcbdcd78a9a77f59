import { createApp } from '../../main/app';
import { createLogger, type LogLine } from '../../main/log';
import { createEventHub, type EventMessage } from '../../main/transport/event-hub';
import type { OutgoingFile } from '../../main/host-seams';
import { createMemoryStoreFactory, type DocumentStoreFactory } from '../../main/store/document-store';
import { createMemoryVault } from '../../main/store/vault';

/** The whole app over in-memory stores, with every event and log line recorded for assertions. */
export function createTestApp(options: { opensBrowser?: boolean; now?: () => Date; stores?: DocumentStoreFactory } = {}) {
  const events = createEventHub();
  const emitted: EventMessage[] = [];
  events.subscribe((message) => emitted.push(message));
  const logLines: LogLine[] = [];
  const savedFiles: OutgoingFile[] = [];
  const opened: string[] = [];
  const app = createApp({
    info: { name: 'Agent Connections', version: '0.0.0-test', platform: 'linux', locale: 'en-US', host: 'browser' },
    stores: options.stores ?? createMemoryStoreFactory(),
    vault: createMemoryVault(),
    files: { save: (file) => (savedFiles.push(file), Promise.resolve({ kind: 'download' as const, ...file })) },
    external: { open: (url) => (opened.push(url), Promise.resolve(true)) },
    events,
    log: createLogger((line) => logLines.push(line)),
    opensBrowser: options.opensBrowser ?? false,
    now: options.now,
  });
  return { app, events, emitted, logLines, savedFiles, opened };
}
