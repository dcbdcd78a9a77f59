import type { AdminSession } from '../../auth/session-source';
import { INTEGRATION_PROFILE } from '../org/discovery';
import { ownerOf } from '../org/names';
import type { ConnectionRecord } from '../record/record-store';
import type { Artifacts } from '../steps/results';
import type { StepContext } from '../steps/step';

/*
 * What a finished run leaves on record, and the audit's words for it: the success effects the run
 * kinds of step-lists.ts name. Plain functions of the run's context, so the kinds list can hold them.
 */

/** The record of a connection as a build leaves it. */
export function builtRecord(ctx: StepContext, admin: AdminSession, createdAt: string | null, now: () => Date): ConnectionRecord {
  const connectionId = ownerOf(ctx.names.description)?.connectionId;
  return {
    ...(connectionId && { connectionId }),
    agentName: ctx.names.agentName,
    artifacts: ctx.artifacts,
    grants: ctx.desired.grants,
    ...(ctx.desired.skipped.length > 0 && { notInOrg: ctx.desired.skipped }),
    org: {
      name: admin.identity.orgName,
      environment: admin.identity.environment,
      myDomainUrl: ctx.instanceUrl,
      loginUrl: admin.loginUrl,
      audience: ctx.audience,
    },
    userProfile: ctx.snapshot.integrationProfile?.name ?? INTEGRATION_PROFILE,
    createdBy: admin.identity.username,
    createdAt: createdAt ?? now().toISOString(),
    lastVerifiedAt: ctx.artifacts.verification?.verifiedAt ?? null,
  };
}

/** The audit's words for a build: what was made, by name. */
export function builtSummary(ctx: StepContext): string {
  const username = ctx.artifacts.integrationUser?.username ?? '';
  return `Connected "${ctx.names.agentName}": app ${ctx.names.appApiName}, user ${username}, permission set ${ctx.names.permissionSetApiName}.`;
}

/** The record after Update access: the new grants, the permission set's ids as they were. */
export function updatedRecord(record: ConnectionRecord, ctx: StepContext): ConnectionRecord {
  const { permissionSet: _ps, accessGrants: _grants, activation: _a, verification: _v, ...kept } = ctx.artifacts;
  return {
    ...record,
    artifacts: {
      ...kept,
      permissionSet: record.artifacts.permissionSet ?? {},
      accessGrants: record.artifacts.accessGrants ?? {},
      verification: ctx.artifacts.verification ?? {},
    },
    grants: ctx.desired.grants,
    notInOrg: ctx.desired.skipped.length > 0 ? ctx.desired.skipped : undefined,
    lastVerifiedAt: ctx.artifacts.verification?.verifiedAt ?? record.lastVerifiedAt,
  };
}

/** The audit's words for Update access: every grant added and removed, Edit and View All by name. */
export function accessChangeSummary(artifacts: Artifacts): string {
  const added = artifacts.accessGrants?.added ?? [];
  const removed = artifacts.accessGrants?.removed ?? [];
  if (added.length + removed.length === 0) return "The permission set already granted exactly the agent's access; nothing changed.";
  return [added.length && `Added: ${added.join(', ')}.`, removed.length && `Removed: ${removed.join(', ')}.`].filter(Boolean).join(' ');
}

/** The record after Rotate key: the new key pair, and when the old certificate stopped working. */
export function rotatedRecord(record: ConnectionRecord, artifacts: Artifacts): ConnectionRecord {
  const replacedAt = artifacts.replaceCertificate?.replacedAt ?? '';
  const consumerKey = artifacts.replaceCertificate?.consumerKey ?? record.artifacts.app?.consumerKey ?? '';
  return {
    ...record,
    artifacts: {
      ...record.artifacts,
      app: { ...record.artifacts.app, consumerKey },
      keyPair: artifacts.keyPair ?? {},
      // The replaced certificate is not kept: only when it stopped working.
      replaceCertificate: { replacedAt, consumerKey },
      ...(artifacts.activation && { activation: artifacts.activation }),
      ...(artifacts.verification && { verification: artifacts.verification }),
    },
    lastVerifiedAt: artifacts.verification?.verifiedAt ?? record.lastVerifiedAt,
  };
}

/** The audit line: when the old key stopped working, and that the consumer key stayed. */
export function rotationSummary(artifacts: Artifacts): string {
  const replacedAt = artifacts.replaceCertificate?.replacedAt ?? 'unknown';
  const consumerKey = artifacts.replaceCertificate?.consumerKey ?? 'unknown';
  const notAfter = artifacts.keyPair?.notAfter ?? 'unknown';
  return `Replaced the agent's certificate at ${replacedAt}; the previous key stopped working then. Consumer key ${consumerKey} unchanged; the new certificate is valid until ${notAfter}.`;
}

/** The record with what the repair found or brought back; the app and key are the ones it had. */
export function repairedRecord(record: ConnectionRecord, ctx: StepContext): ConnectionRecord {
  const made = ctx.artifacts;
  // The same user as before (Repair reactivates, never creates one): only the mark of its deactivation goes.
  const { deactivated: _deactivated, ...user } = record.artifacts.integrationUser ?? {};
  return {
    ...record,
    artifacts: {
      ...record.artifacts,
      integrationUser: user,
      ...(made.licence && { licence: made.licence }),
      ...(made.assignment && { assignment: made.assignment }),
      ...(made.verification && { verification: made.verification }),
    },
    grants: ctx.desired.grants,
    lastVerifiedAt: made.verification?.verifiedAt ?? record.lastVerifiedAt,
  };
}

/** The audit's words: what was brought back, by name. */
export function repairSummary(artifacts: Artifacts): string {
  const done = [
    artifacts.integrationUser?.reactivated === true && `reactivated the integration user ${artifacts.integrationUser.username ?? ''}`,
    (artifacts.accessGrants?.added?.length ?? 0) > 0 && `re-added ${artifacts.accessGrants?.added?.join(', ') ?? ''}`,
  ].filter(Boolean);
  const what = done.length ? done.join('; ') : 're-added the licence and assignment where they were gone';
  return `Repaired in place: ${what}. The app, its consumer key and the certificate were kept.`;
}
