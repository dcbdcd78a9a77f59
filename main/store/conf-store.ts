import { lstatSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { fail } from '../../common/app-error-schema';
import type { DocumentSpec, DocumentStore, DocumentStoreFactory } from './document-store';
import { readDocument } from './document-store';
import { PRIVATE_FILE_MODE, preparePrivateDir, tightenPrivateFile } from './private-files';

/** File-backed documents for the CLI, browser mode and tests (no Electron). */
export function createConfStoreFactory(dataDir: string): DocumentStoreFactory {
  preparePrivateDir(dataDir);
  return <T>(name: string, spec: DocumentSpec<T>): DocumentStore<T> => {
    // conf reads the file as it is made: a link must be refused before that.
    refuseLink(join(dataDir, `${name}.json`));
    return confDocument(
      new Conf({ cwd: dataDir, configName: name, projectName: 'agent-connections', configFileMode: PRIVATE_FILE_MODE }),
      spec,
    );
  };
}

/**
 * Documents are read and written only as the regular files they are, never through a symbolic link
 * (one planted in the data directory could point at another of the user's files), like the exports.
 */
export function refuseLink(path: string): void {
  if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink())
    fail(
      'DOCUMENT_IS_LINK',
      `${path} is a symbolic link. Agent Connections never reads or writes its data through a link, and left the file it points to untouched: remove the link, then start again.`,
      { params: { path } },
    );
}

/**
 * One document over a conf (or electron-store, built on conf) file. `configFileMode` makes conf
 * write every version of the file owner-only, so this only has to tighten what is already there.
 */
export function confDocument<T>(conf: Conf<{ document?: unknown }>, spec: DocumentSpec<T>): DocumentStore<T> {
  tightenPrivateFile(conf.path);
  return {
    path: conf.path,
    read: () => {
      refuseLink(conf.path);
      return readDocument(conf.get('document'), spec);
    },
    write: (value: T) => {
      refuseLink(conf.path);
      conf.set('document', value);
    },
  };
}
