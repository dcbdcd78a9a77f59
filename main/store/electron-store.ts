import ElectronStore from 'electron-store';
import type { DocumentSpec, DocumentStore, DocumentStoreFactory } from './document-store';
import { readDocument } from './document-store';

/** The desktop host's documents: electron-store files in the data directory. */
export function createElectronStoreFactory(dataDir: string): DocumentStoreFactory {
  return <T>(name: string, spec: DocumentSpec<T>): DocumentStore<T> => {
    const store = new ElectronStore<{ document?: unknown }>({ cwd: dataDir, name });
    return {
      path: store.path,
      read: () => readDocument(store.get('document'), spec),
      write: (value: T) => store.set('document', value),
    };
  };
}
