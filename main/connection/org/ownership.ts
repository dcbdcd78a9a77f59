import { AppFailure } from '../../../common/app-error-schema';
import type { OrgSnapshot } from './discovery';
import { connectionOwnedElsewhere } from './messages';
import { ownedElsewhere } from './names';

/** Whether the org's permission set or app of this agent names another install of the app as owner. */
export function snapshotOwnedElsewhere(snapshot: Pick<OrgSnapshot, 'permissionSet' | 'app'>, installId: string): boolean {
  const app = snapshot.app && snapshot.app !== 'unavailable' ? snapshot.app.description : null;
  return ownedElsewhere(snapshot.permissionSet?.description, installId) || ownedElsewhere(app, installId);
}

/**
 * Two installs never fight over one connection: replacing another install's connection changes the
 * agent's key under it, so it happens only on an explicit take-over.
 */
export function refuseOwnedElsewhere(owned: boolean, takeOver: boolean, run: 'enable' | 'reconnect'): void {
  if (owned && !takeOver) throw new AppFailure(connectionOwnedElsewhere(run));
}
