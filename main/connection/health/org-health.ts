import type { ConnectionStatus, Drift } from '../../../common';
import { toAppError } from '../../../common/app-error-schema';
import type { OrgClient } from '../../salesforce/client';
import type { AuditLog } from '../../store/audit-log';
import type { SecretVault } from '../../store/vault';
import { agentCanSignIn, compare, healthVerdict, readArtifacts } from './drift';
import { artifactNames } from '../org/names';
import type { ConnectionRecordStore } from '../record/record-store';
import type { AdminSession } from '../../auth/session-source';
import { agentPrivateKey } from '../steps/key-pair';

export interface OrgHealthDeps {
  records: ConnectionRecordStore;
  vault: SecretVault;
  audit: AuditLog;
  now: () => Date;
  installId: () => string;
  orgClient: (admin: AdminSession) => OrgClient;
}

export interface OrgHealth {
  orgId: string;
  /** null: there is no connection this install made in the org, so nothing was checked. */
  before: ConnectionStatus | null;
  after: ConnectionStatus | null;
  checkedAt: string;
}

/** Grants a changed access profile asks for stay reported until a run grants them (they clear the drift). */
function withProfileDrift(drift: Drift, saved: Drift | undefined): Drift {
  const union = (a: string[], b: string[] | undefined) => [...new Set([...a, ...(b ?? [])])];
  return {
    ...drift,
    missingObjects: union(drift.missingObjects, saved?.missingObjects),
    missingFields: union(drift.missingFields, saved?.missingFields),
  };
}

/**
 * The scheduled check of one org with that org's own session: two Composite reads and the agent's
 * token grant. It compares with the grants the connection holds (a changed access profile is drift
 * the screens report the moment it changes), so nothing is discovered or described here.
 */
export async function checkOrgHealth(deps: OrgHealthDeps, admin: AdminSession, focus: boolean): Promise<OrgHealth> {
  const orgId = admin.identity.orgId;
  const saved = deps.records.get(orgId);
  const checkedAt = deps.now().toISOString();
  const record = saved.record;
  if (!record || saved.status === 'waiting')
    return { orgId, before: record ? saved.status : null, after: record ? saved.status : null, checkedAt };
  try {
    const orgState = await readArtifacts(deps.orgClient(admin), record, null, deps.installId());
    const key = await agentPrivateKey({ vault: deps.vault, orgId, names: artifactNames(record.agentName) });
    const agentTokenOk = await agentCanSignIn(record, key, deps.now());
    const drift = withProfileDrift(compare(orgState, record.grants, record.grants, agentTokenOk), saved.drift);
    const { status, error } = healthVerdict(orgState, drift);
    const lastVerifiedAt = status === 'connected' && agentTokenOk ? checkedAt : record.lastVerifiedAt;
    deps.records.update(orgId, { status, error, drift, record: { ...record, lastVerifiedAt, lastCheckedAt: checkedAt } }, focus);
    return { orgId, before: saved.status, after: status, checkedAt };
  } catch (thrown) {
    // Salesforce could not be asked (network, an ended session): the connection's own state stands.
    deps.records.update(orgId, { record: { ...record, lastCheckedAt: checkedAt } }, focus);
    deps.audit.append({
      actor: admin.identity.username,
      orgId,
      operation: 'connection.check',
      result: 'failure',
      summary: toAppError(thrown).message,
      artifacts: [],
    });
    throw thrown;
  }
}
