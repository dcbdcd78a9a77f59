import { AppFailure, toAppError } from '../../../common/app-error-schema';
import type { AdminSession } from '../../auth/session-source';
import { adminRightsMissingOf } from '../org/discovery';
import { notConnectionAdmin, notConnectionOwner, type KeyOperation } from '../org/messages';
import type { ConnectionCore } from './core';

/** The admin's explicit word that they take the connection over from the admin who turned it on. */
export interface HandOverInput {
  handOver?: boolean;
}

const auditedOperation: Record<KeyOperation, string> = {
  exportCredentials: 'connection.exportCredentials',
  rotateKey: 'connection.rotateKey',
  takeOver: 'connection.takeOver',
};

/**
 * The agent's key goes only to a freshly confirmed admin of the connection: a session that passes the
 * step-up where asked (`confirmed`), the admin rights pre-flight checks read from the org now (not as
 * they were at sign-in), and the admin recorded at Enable unless they confirm a hand-over. Enforced
 * here in main, whatever the screen shows; every refusal is on the record under the user who tried.
 */
export function createAdminGate(core: ConnectionCore) {
  const { deps } = core;
  const refuse = (operation: KeyOperation, actor: string, orgId: string, thrown: unknown): never => {
    const refused = toAppError(thrown);
    deps.audit.append({ actor, orgId, operation: auditedOperation[operation], result: 'failure', summary: refused.message, artifacts: [] });
    throw thrown instanceof AppFailure ? thrown : new AppFailure(refused);
  };
  const signedInActor = (): string => {
    const status = deps.auth.status();
    return (status.state === 'signedIn' || status.state === 'expired' ? status.identity?.username : undefined) ?? 'unknown';
  };

  return async function connectionAdmin(
    operation: KeyOperation,
    options: HandOverInput & { confirmed?: boolean; orgId?: string } = {},
  ): Promise<AdminSession> {
    let admin: AdminSession;
    try {
      admin = options.confirmed ? await deps.auth.confirmedSession() : await core.session();
    } catch (thrown) {
      return refuse(operation, signedInActor(), options.orgId ?? core.deps.records.currentOrgId() ?? '', thrown);
    }
    const { orgId, username, userId } = admin.identity;
    const missing = await adminRightsMissingOf(core.contexts.orgClient(admin), userId).catch((thrown: unknown) =>
      refuse(operation, username, orgId, thrown),
    );
    if (missing.length > 0) refuse(operation, username, orgId, new AppFailure(notConnectionAdmin(operation, username, missing)));
    const record = deps.records.get(orgId).record;
    const owner = record?.createdBy;
    if (record && owner && owner.toLowerCase() !== username.toLowerCase()) {
      if (options.handOver !== true) refuse(operation, username, orgId, new AppFailure(notConnectionOwner(operation, username, owner)));
      deps.records.update(orgId, { record: { ...record, createdBy: username } });
      deps.audit.append({
        actor: username,
        orgId,
        operation: 'connection.handOver',
        result: 'success',
        summary: `Took the connection over from ${owner}.`,
        artifacts: [],
      });
    }
    return admin;
  };
}

export type AdminGate = ReturnType<typeof createAdminGate>;
