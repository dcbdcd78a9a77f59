import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileAgainstRecord, type FilePrint } from '../../connection/record/hand-over';
import { createConnectionRecordStore } from '../../connection/record/record-store';
import type { Artifacts } from '../../connection/steps/results';
import { dataDirFromEnv, headlessDefaultDataDir } from '../../data-dir';
import { createConfStoreFactory } from '../../store/conf-store';

/** The connection this computer last knew for an org; null where this is not the admin's computer (the agent's own). */
export function localConnection(orgId: string): { artifacts: Artifacts } | null {
  const dataDir = dataDirFromEnv(headlessDefaultDataDir);
  // Never creates a data directory on a machine that only runs the agent.
  if (!existsSync(join(dataDir, 'connection.json'))) return null;
  try {
    return createConnectionRecordStore(createConfStoreFactory(dataDir)).get(orgId).record;
  } catch {
    return null;
  }
}

type CredentialsFile = FilePrint & { exportedAt?: string };

const exported = (file: CredentialsFile): string =>
  file.exportedAt ? ` (exported ${file.exportedAt.slice(0, 16).replace('T', ' ')} UTC)` : '';
const appOf = (file: CredentialsFile): string => (file.appId ? `the external client app ${file.appId}` : 'an earlier external client app');
const fix =
  'Export the credentials again (export-credentials --out FILE, or Export credentials in the app) and give the agent the new file.';

/**
 * The plain reason a refused file no longer works, when it is that the file belongs to an earlier app
 * or certificate: told by the connection's record on this computer, or, without one, by Salesforce not
 * knowing the file's app at all (invalid_client_id). null when neither says so.
 */
export function earlierFileMessage(
  file: CredentialsFile,
  connection: { artifacts: Artifacts } | null,
  error: string,
  refusal: string,
): string | null {
  const change = connection ? fileAgainstRecord(file, connection.artifacts) : null;
  const said = `Salesforce said: ${refusal}.`;
  if (change === 'newApp')
    return `This credentials file${exported(file)} belongs to an earlier app: it was made for ${appOf(file)}, which Reconnect, Recreate or Turn off has since replaced or removed, so Salesforce no longer accepts it. ${fix} ${said}`;
  if (change === 'newCertificate')
    return `This credentials file${exported(file)} belongs to an earlier certificate: Rotate key has replaced the app's certificate since, and the key in this file stopped working then. ${fix} ${said}`;
  if (!connection && file.appId && error === 'invalid_client_id')
    return `Salesforce does not know the app this credentials file${exported(file)} was made for (${file.appId}): the file most likely belongs to an earlier app, replaced by Reconnect or Recreate or removed by Turn off. ${fix} ${said}`;
  return null;
}
