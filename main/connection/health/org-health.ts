import type { CheckProblem, ConnectionStatus, Drift } from '../../../common';
import { toAppError } from '../../../common/app-error-schema';
import type { OrgClient } from '../../salesforce/client';
import type { AuditLog } from '../../store/audit-log';
import type { SecretVault } from '../../store/vault';
import { driftVerdict } from './drift';
import { diagnose, noAnswer, recordDiagnosis, type Diagnosis } from './diagnosis';
import type { Sleep } from '../../salesforce/retry';
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
  sleep: Sleep;
}

export interface OrgHealth {
  orgId: string;
  /** null: there is no connection this install made in the org, so nothing was checked. */
  before: ConnectionStatus | null;
  after: ConnectionStatus | null;
  checkedAt: string;
  /** The check reached no verdict: the org's last one stands (after is before). */
  problem: CheckProblem | null;
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

function withSavedProfileDrift(found: Diagnosis, saved: Drift | undefined): Diagnosis {
  if (found.kind !== 'verdict') return found;
  const drift = withProfileDrift(found.drift, saved);
  return found.status === 'error' ? { ...found, drift } : { ...found, ...driftVerdict(drift), drift };
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
    return { orgId, before: record ? saved.status : null, after: record ? saved.status : null, checkedAt, problem: null };
  try {
    const key = await agentPrivateKey({ vault: deps.vault, orgId, names: artifactNames(record.agentName) });
    const client = deps.orgClient(admin);
    const input = {
      client,
      record,
      pslId: null,
      installId: deps.installId(),
      desired: record.grants,
      privateKeyPem: key,
      now: deps.now,
      sleep: deps.sleep,
    };
    const diagnosis = withSavedProfileDrift(await diagnose(input).catch(noAnswer), saved.drift);
    const problem = recordDiagnosis(deps.records, orgId, record, diagnosis, checkedAt, focus);
    const after = diagnosis.kind === 'verdict' ? diagnosis.status : saved.status;
    return { orgId, before: saved.status, after, checkedAt, problem };
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
