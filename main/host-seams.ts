import type { EventName, EventPayload, SavedFile } from '../common';

/**
 * The seams between the host-neutral services and whatever hosts them (Electron, browser mode,
 * CLI, tests). Services take these as parameters and never import `electron`.
 */

export interface HostInfo {
  name: string;
  version: string;
  platform: string;
  locale: string;
  host: 'desktop' | 'browser';
}

/** Pushes an event to every attached window or browser page. */
export interface EventSink {
  emit<E extends EventName>(event: E, payload: EventPayload<E>): void;
}

/** A file produced for the admin; the host decides how it reaches them. */
export interface OutgoingFile {
  fileName: string;
  mimeType: string;
  content: string;
}

/** Desktop: a save dialog then a write. Browser mode: handed to the page as a download. */
export interface FileSaver {
  save(file: OutgoingFile): Promise<SavedFile>;
}

/** The one guarded way to open a URL in the system browser (https, allow-listed hosts). */
export interface ExternalOpener {
  open(url: string): Promise<boolean>;
}
