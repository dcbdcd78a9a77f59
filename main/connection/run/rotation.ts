import { randomUUID } from 'node:crypto';
import { AppFailure, fail, type AppError } from '../../../common/app-error-schema';
import { salesforceAppError } from '../../salesforce/errors';
import type { Artifacts } from '../steps/results';
import { plans } from './step-lists';
import { provision, rollBack } from './provisioner';
import type { ConnectionRecord } from '../record/record-store';
import { ignoreCancel, markAudited, type Run, type RunDeps } from './run-context';
import type { AdminSession } from '../../auth/session-source';
import { forgetReplacedKey } from '../steps/certificate';
import type { StepContext } from '../steps/step';

/**
 * Rotate key: a new key pair, its certificate on the app, activation and verification as the agent.
 * The old key stops working when the certificate is replaced (fact CERTIFICATE-ROTATION); a failure
 * before the agent is proven puts the old certificate and key back.
 */
export async function rotateKey(deps: RunDeps, admin: AdminSession, run: Run, operation = 'connection.rotateKey'): Promise<void> {
  const { records, journal, contexts } = deps;
  const orgId = admin.identity.orgId;
  const record =
    records.get(orgId).record ?? fail('NOT_CONNECTED', 'There is no connection whose key could be rotated. Turn on access first.');
  const ctx = await contexts.context(admin, record.agentName, structuredClone(record.artifacts), null, run);
  if (!journal.current()) journal.begin({ id: randomUUID(), kind: 'rotateKey', orgId, startedAt: run.tracker.progress.startedAt });
  try {
    await provision(ctx, plans.rotateKey.build, journal, run.tracker);
  } catch (error) {
    const failure = error instanceof AppFailure ? error.error : salesforceAppError(error, 'rotating the key');
    if (failure.code === 'ACTIVATION_TIMEOUT' && !run.signal.aborted) return keepWaiting(deps, admin, run, ctx, failure, operation);
    ignoreCancel(ctx);
    const leftovers = await rollBack(ctx, plans.rotateKey.build, journal, run.tracker);
    if (leftovers.length === 0) journal.finish();
    // Cancelled and put back: the connection is as it was.
    const clean = run.signal.aborted && leftovers.length === 0;
    records.update(
      orgId,
      clean
        ? { status: 'connected', error: undefined, leftovers: undefined }
        : { status: 'error', error: failure, leftovers, waiting: undefined },
    );
    contexts.audit(
      admin,
      orgId,
      operation,
      leftovers.length ? 'partial' : 'failure',
      `${failure.message} The previous certificate was put back.`,
      ctx.artifacts,
    );
    throw new AppFailure(markAudited(failure));
  }
  journal.finish();
  await forgetReplacedKey(ctx);
  const rotated = rotatedRecord(record, ctx.artifacts);
  records.update(orgId, {
    status: 'connected',
    record: rotated,
    error: undefined,
    drift: undefined,
    leftovers: undefined,
    waiting: undefined,
    orgChange: undefined,
  });
  contexts.audit(admin, orgId, operation, 'success', rotationSummary(rotated.artifacts), ctx.artifacts);
}

/** The new certificate is on the app and Salesforce has not accepted it yet: the run stays open for Keep waiting. */
function keepWaiting(deps: RunDeps, admin: AdminSession, run: Run, ctx: StepContext, failure: AppError, operation: string): void {
  const orgId = admin.identity.orgId;
  const since = ctx.artifacts.replaceCertificate?.replacedAt ?? run.tracker.progress.startedAt;
  deps.records.update(orgId, { status: 'waiting', error: failure, waiting: { since, until: deps.now().toISOString() } });
  deps.contexts.audit(
    admin,
    orgId,
    operation,
    'partial',
    `The certificate was replaced at ${since} (the previous key stopped working then); ${failure.message}`,
    ctx.artifacts,
  );
}

function rotatedRecord(record: ConnectionRecord, artifacts: Artifacts): ConnectionRecord {
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
