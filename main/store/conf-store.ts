import Conf from 'conf';
import type { DocumentSpec, DocumentStore, DocumentStoreFactory } from './document-store';
import { readDocument } from './document-store';

/** File-backed documents for the CLI, browser mode and tests (no Electron). */
export function createConfStoreFactory(dataDir: string): DocumentStoreFactory {
  return <T>(name: string, spec: DocumentSpec<T>): DocumentStore<T> => {
    const conf = new Conf<{ document?: unknown }>({ cwd: dataDir, configName: name, projectName: 'agent-connections' });
    return {
      path: conf.path,
      read: () => readDocument(conf.get('document'), spec),
      write: (value: T) => conf.set('document', value),
    };
  };
}
