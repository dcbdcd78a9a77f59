import type { AccessProfile, ConnectionState, HealthReport, PreflightReport } from '../../../common';
import { resolveAccess } from '../../agent/grants';
import type { ConnectionCore } from '../run/core';
import { objectPermissionTypesOf } from '../../salesforce/schemas';
import { inspectOrgChange } from '../run/org-identity';
import { driftVerdict, profileDrift } from './drift';
import type { CheckProblems } from './check-problems';
import { diagnose, noAnswer, recordDiagnosis, type Diagnosis } from './diagnosis';
import type { AdminSession } from '../../auth/session-source';
import type { ConnectionRecord } from '../record/record-store';
import { readPreflight } from '../org/preflight-read';
import { agentPrivateKey } from '../steps/key-pair';
import { fieldPermissionFieldsOf } from '../../salesforce/permission-picklists';

/** The check itself: discovery, the connection's parts, the agent's sign-in; no answer is a transient finding. */
async function diagnoseRecord(core: ConnectionCore, admin: AdminSession, record: ConnectionRecord): Promise<Diagnosis> {
  const { contexts, deps } = core;
  try {
    const ctx = await contexts.context(admin, record.agentName, record.artifacts, null, null);
    // Discovery reached the org: what it found of Microsoft's own connection is the org's truth.
    deps.records.update(admin.identity.orgId, { coexisting: ctx.snapshot.coexisting ?? undefined }, false);
    return await diagnose({
      client: ctx.client,
      record,
      pslId: ctx.snapshot.apiPsl?.id ?? null,
      installId: contexts.installId(),
      desired: ctx.desired.grants,
      privateKeyPem: await agentPrivateKey(ctx),
      now: deps.now,
      sleep: deps.runtime.sleep,
    });
  } catch (thrown) {
    return noAnswer(thrown);
  }
}

/** The operations that only look: preflight, the removal plan, the health check, a changed profile's drift. */
export function createInspection(core: ConnectionCore, problems: CheckProblems) {
  const { deps, contexts } = core;
  const { records, journal, now } = deps;

  async function check(): Promise<HealthReport> {
    const admin = await core.session();
    const orgId = admin.identity.orgId;
    const saved = records.get(orgId);
    const checkedAt = now().toISOString();
    const empty = { missingFields: [], missingObjects: [], brokenArtifacts: [], extraGrants: [] };
    // Another org than the profile's (fact SANDBOX-REFRESH): said first, and nothing of the earlier org's checked here.
    if (!core.scheduler.busy() && !journal.current() && (await inspectOrgChange(core.run, admin))) {
      const current = core.changed();
      return { checkedAt, status: current.status, drift: current.drift ?? empty, agentTokenOk: false };
    }
    if (!saved.record || journal.current() || core.scheduler.busy()) {
      return { checkedAt, status: core.state().status, drift: saved.drift ?? empty, agentTokenOk: false };
    }
    const diagnosis = await diagnoseRecord(core, admin, saved.record);
    const problem = recordDiagnosis(records, orgId, saved.record, diagnosis, checkedAt);
    problems.set(orgId, problem);
    const status = diagnosis.kind === 'verdict' ? diagnosis.status : saved.status;
    deps.audit.append({
      actor: admin.identity.username,
      orgId,
      operation: 'connection.check',
      result: status === 'connected' && !problem ? 'success' : 'failure',
      summary: diagnosis.error?.message ?? 'The connection matches the desired state.',
      artifacts: [],
    });
    core.changed();
    if (diagnosis.kind !== 'verdict')
      return { checkedAt, status, drift: saved.drift ?? empty, agentTokenOk: false, ...(problem && { problem }) };
    return { checkedAt, status, drift: diagnosis.drift, agentTokenOk: diagnosis.agentTokenOk };
  }

  return {
    check,
    async preflight(): Promise<PreflightReport> {
      const admin = await core.session();
      const ctx = await contexts.context(admin, deps.settings.get().agentName, {}, null, null);
      // What else holds licences here stays on record for the Connections overview.
      records.update(admin.identity.orgId, { coexisting: ctx.snapshot.coexisting ?? undefined }, false);
      return readPreflight(ctx);
    },
    /** The state as the admin's profile would leave it (drift when grants are missing); only describes, no writes. */
    async profileChanged(profile: AccessProfile): Promise<ConnectionState> {
      const orgId = records.currentOrgId();
      const record = orgId ? records.get(orgId).record : null;
      if (!orgId || !record) return core.state();
      const client = contexts.orgClient(await core.session());
      const [objectPermissionTypes, fieldPermissionFields, described] = await Promise.all([
        client.describe('ObjectPermissions').then(objectPermissionTypesOf),
        client.describe('FieldPermissions').then(fieldPermissionFieldsOf),
        // An object the org lacks is the pre-flight's to name; it must not make saving the profile fail.
        Promise.allSettled(profile.objects.map((o) => client.describe(o.object))),
      ]);
      const found = described.flatMap((d) => (d.status === 'fulfilled' ? [d.value] : []));
      const describes = new Map(found.map((d) => [d.name.toLowerCase(), d]));
      const desired = resolveAccess(profile, describes, { objectPermissionTypes, fieldPermissionFields });
      const drift = profileDrift(record.grants, desired.grants);
      const { status, error } = driftVerdict(drift);
      if (status === 'connected') return core.state();
      records.update(orgId, { status, drift, error });
      return core.changed();
    },
  };
}
