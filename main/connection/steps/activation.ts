import { AppFailure, fail } from '../../../common/app-error-schema';
import { requestAgentToken } from '../../agent/token';
import { classifyActivationFailure } from './activation-outcome';
import { agentPrivateKey } from './key-pair';
import type { Step, StepContext } from './step';

/**
 * Salesforce usually accepts a new app within a couple of minutes, so the first two minutes are
 * polled closely (activation shows within 5 s) and the rest of the wait at a pace that stays far
 * below the token endpoint's limits over a 30-minute wait (4 requests a minute).
 */
const EARLY_POLL_MS = 5_000;
const EARLY_PHASE_MS = 2 * 60_000;
const LATE_POLL_MS = 15_000;
const LONGEST_BACKOFF_MS = 60_000;

export interface AgentCredentials {
  consumerKey: string;
  username: string;
  privateKeyPem: string;
}

export async function agentCredentials(ctx: StepContext): Promise<AgentCredentials> {
  const consumerKey = ctx.artifacts.app?.consumerKey;
  const username = ctx.artifacts.integrationUser?.username;
  const privateKeyPem = await agentPrivateKey(ctx);
  if (!consumerKey || !username || !privateKeyPem) fail('STEP_FAILED', "The agent's credentials are incomplete.", { action: 'reconnect' });
  return { consumerKey, username, privateKeyPem };
}

/**
 * Waits until the app accepts the agent: the JWT bearer grant at the My Domain host, tried again on
 * a schedule (waitBeforeNextAttempt) while Salesforce answers "not yet" (fact ACTIVATION-PROPAGATION)
 * or cannot be reached, until it works or the deadline passes; any other refusal fails at once. The
 * deadline counts from this wait's start, so Keep waiting gets a full wait of its own.
 */
export const activationStep: Step<'activation'> = {
  id: 'activation',
  intent: () => ({}),
  find: () => Promise.resolve(null),
  async apply(ctx) {
    const credentials = await agentCredentials(ctx);
    const deadline = ctx.now().getTime() + ctx.activationTimeoutMs;
    const deadlineAt = new Date(deadline).toISOString();
    // Salesforce's clock starts when the app changed: its creation, or Rotate key's new certificate (fact CERTIFICATE-ROTATION).
    const waitingSince = ctx.artifacts.replaceCertificate?.replacedAt ?? ctx.artifacts.app?.createdAt ?? ctx.now().toISOString();
    const pace = waitBeforeNextAttempt(Date.parse(waitingSince));
    for (let attempt = 1; ; attempt++) {
      ctx.onActivation({ attempt, nextAttemptAt: null, deadlineAt, waitingSince });
      const result = await requestAgentToken({ instanceUrl: ctx.instanceUrl, audience: ctx.audience, ...credentials, now: ctx.now() });
      if (result.ok) {
        ctx.log.registerSecret(result.accessToken);
        ctx.run.agentToken = result;
        return { activatedAt: ctx.now().toISOString(), attempts: attempt };
      }
      const age = { sinceChangeMs: ctx.now().getTime() - Date.parse(waitingSince), appNotFoundWindowMs: ctx.appNotFoundWindowMs };
      const outcome = classifyActivationFailure(result, age, {
        appLabel: ctx.names.appLabel,
        permissionSet: ctx.names.permissionSetApiName,
      });
      if (outcome.kind === 'refused') throw new AppFailure(outcome.error);
      const wait = pace(outcome.kind, ctx.now().getTime());
      const next = ctx.now().getTime() + wait;
      if (next > deadline) timedOut(ctx, waitingSince, result);
      ctx.log.info('activation: not yet', { attempt, error: result.error });
      ctx.onActivation({ attempt, nextAttemptAt: new Date(next).toISOString(), deadlineAt, waitingSince });
      await ctx.sleep(wait);
    }
  },
  undo: () => Promise.resolve(),
};

/**
 * "Not yet" follows the app's age, not this wait's, since a resumed wait is already past Salesforce's
 * usual delay. An outage or a reached limit is not helped by asking often: those back off.
 */
function waitBeforeNextAttempt(appCreatedAt: number): (outcome: 'notYet' | 'transient', now: number) => number {
  let backoff = LATE_POLL_MS;
  return (outcome, now) => {
    if (outcome === 'transient') {
      const wait = backoff;
      backoff = Math.min(LONGEST_BACKOFF_MS, backoff * 2);
      return wait;
    }
    backoff = LATE_POLL_MS;
    return now - appCreatedAt < EARLY_PHASE_MS ? EARLY_POLL_MS : LATE_POLL_MS;
  };
}

/**
 * Not an error of the connection: everything stays in the org and in the journal, and the run ends
 * "waiting for Salesforce" (the service keeps it), from where Keep waiting resumes this step.
 */
function timedOut(ctx: StepContext, waitingSince: string, last: { error: string; description: string }): never {
  const minutes = Math.max(1, Math.round((ctx.now().getTime() - Date.parse(waitingSince)) / 60_000));
  fail(
    'ACTIVATION_TIMEOUT',
    `Salesforce has not accepted the agent's sign-in yet, ${minutes} minutes after the app was created (last answer: ${last.description}). Everything is kept: keep waiting, or roll back.`,
    {
      action: 'resume',
      params: { minutes, detail: `${last.error}: ${last.description}` },
    },
  );
}
