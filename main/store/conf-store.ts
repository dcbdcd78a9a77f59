import Conf from 'conf';
import type { DocumentSpec, DocumentStore, DocumentStoreFactory } from './document-store';
import { readDocument } from './document-store';
import { PRIVATE_FILE_MODE, preparePrivateDir, tightenPrivateFile } from './private-files';

/** File-backed documents for the CLI, browser mode and tests (no Electron). */
export function createConfStoreFactory(dataDir: string): DocumentStoreFactory {
  preparePrivateDir(dataDir);
  return <T>(name: string, spec: DocumentSpec<T>): DocumentStore<T> =>
    confDocument(new Conf({ cwd: dataDir, configName: name, projectName: 'agent-connections', configFileMode: PRIVATE_FILE_MODE }), spec);
}

/**
 * One document over a conf (or electron-store, built on conf) file. `configFileMode` makes conf
 * write every version of the file owner-only, so this only has to tighten what is already there.
 */
export function confDocument<T>(conf: Conf<{ document?: unknown }>, spec: DocumentSpec<T>): DocumentStore<T> {
  tightenPrivateFile(conf.path);
  return {
    path: conf.path,
    read: () => readDocument(conf.get('document'), spec),
    write: (value: T) => conf.set('document', value),
  };
}
