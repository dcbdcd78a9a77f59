import ElectronStore from 'electron-store';
import { join } from 'node:path';
import { confDocument, refuseLink } from './conf-store';
import type { DocumentSpec, DocumentStore, DocumentStoreFactory } from './document-store';
import { PRIVATE_FILE_MODE, preparePrivateDir } from './private-files';

/** The desktop host's documents: electron-store files in the data directory. */
export function createElectronStoreFactory(dataDir: string): DocumentStoreFactory {
  preparePrivateDir(dataDir);
  return <T>(name: string, spec: DocumentSpec<T>): DocumentStore<T> => {
    refuseLink(join(dataDir, `${name}.json`));
    return confDocument(new ElectronStore<{ document?: unknown }>({ cwd: dataDir, name, configFileMode: PRIVATE_FILE_MODE }), spec);
  };
}
