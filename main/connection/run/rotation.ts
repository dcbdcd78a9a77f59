import { randomUUID } from 'node:crypto';
import { fail } from '../../../common/app-error-schema';
import { plans } from './step-lists';
import { runSteps } from './outcome';
import type { Run, RunDeps } from './run-context';
import type { AdminSession } from '../../auth/session-source';

/**
 * Rotate key: a new key pair, its certificate on the app, activation and verification as the agent.
 * The old key stops working when the certificate is replaced (fact CERTIFICATE-ROTATION); a failure
 * before the agent is proven puts the old certificate and key back (run/outcome.ts).
 */
export async function rotateKey(deps: RunDeps, admin: AdminSession, run: Run, operation = 'connection.rotateKey'): Promise<void> {
  const { records, journal, contexts } = deps;
  const orgId = admin.identity.orgId;
  const record =
    records.get(orgId).record ?? fail('NOT_CONNECTED', 'There is no connection whose key could be rotated. Turn on access first.');
  const ctx = await contexts.context(admin, record.agentName, structuredClone(record.artifacts), null, run);
  if (!journal.current()) journal.begin({ id: randomUUID(), kind: 'rotateKey', orgId, startedAt: run.tracker.progress.startedAt });
  const plan = plans.rotateKey;
  await runSteps({ deps, admin, operation, plan, run, ctx, steps: plan.build, previous: record });
}
