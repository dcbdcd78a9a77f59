import type { OrgChange } from '../../../common';
import { certificateVaultKey, privateKeyVaultKey } from '../steps/key-pair';
import type { RunDeps } from './run-context';

/** What a rebuild in a refreshed sandbox takes from the earlier org: its app's name, consumer key, user, and the key here. */
export interface RebuildSource {
  previousOrgId: string;
  appName: string;
  consumerKey: string;
  username?: string;
}

/**
 * A rebuild is possible where the agent's app is missing in this org (local External Client Apps are
 * not copied into a refreshed sandbox, fact SANDBOX-REFRESH) and this computer still holds the earlier
 * org's connection record and the private key and certificate its app had.
 */
export async function rebuildSourceOf(deps: Pick<RunDeps, 'records' | 'vault'>, change: OrgChange): Promise<RebuildSource | null> {
  if (change.carriedOver.includes('app')) return null;
  const app = deps.records.get(change.previousOrgId).record?.artifacts.app;
  if (!app?.name || !app.consumerKey) return null;
  const key = await deps.vault.get(privateKeyVaultKey(change.previousOrgId, app.name));
  const certificate = await deps.vault.get(certificateVaultKey(change.previousOrgId, app.name));
  if (!key || !certificate) return null;
  const username = deps.records.get(change.previousOrgId).record?.artifacts.integrationUser?.username;
  return { previousOrgId: change.previousOrgId, appName: app.name, consumerKey: app.consumerKey, ...(username && { username }) };
}

/** The earlier org's key and certificate, copied to this org's slots: the rebuilt app gets the same certificate. */
export async function copyKeyHere(deps: Pick<RunDeps, 'vault'>, source: RebuildSource, orgId: string, appName: string): Promise<void> {
  const key = await deps.vault.get(privateKeyVaultKey(source.previousOrgId, source.appName));
  const certificate = await deps.vault.get(certificateVaultKey(source.previousOrgId, source.appName));
  if (!key || !certificate) return;
  await deps.vault.set(privateKeyVaultKey(orgId, appName), key);
  await deps.vault.set(certificateVaultKey(orgId, appName), certificate);
}
