import { AppFailure, fail } from '../../../common/app-error-schema';
import { requestAgentToken } from '../../agent/token';
import { classifyActivationFailure } from './activation-outcome';
import { agentPrivateKey } from './key-pair';
import type { Step, StepContext } from './step';

/**
 * Salesforce accepts a new app at a moment nobody can predict, from seconds to half an hour after
 * creation, so the grant is tried at one steady pace for the whole wait: acceptance is noticed at
 * most one pace later (half of it on average). 4 s is 900 sign-in attempts an hour, a quarter of
 * Salesforce's 3,600 login attempts per user per hour, failed ones included (fact LOGIN-RATE-LIMIT).
 */
export const ACTIVATION_POLL_MS = 4_000;
/** An outage or a reached limit is not helped by asking often: those back off, from 15 s to a minute. */
const FIRST_BACKOFF_MS = 15_000;
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
    const pace = waitBeforeNextAttempt();
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
      const wait = pace(outcome.kind);
      const next = ctx.now().getTime() + wait;
      if (next > deadline) timedOut(ctx, waitingSince, result);
      ctx.log.info('activation: not yet', { attempt, error: result.error });
      ctx.onActivation({ attempt, nextAttemptAt: new Date(next).toISOString(), deadlineAt, waitingSince });
      await ctx.sleep(wait);
    }
  },
  undo: () => Promise.resolve(),
};

/** "Not yet" is asked again at the steady pace; transient failures back off, and a "not yet" resets that. */
function waitBeforeNextAttempt(): (outcome: 'notYet' | 'transient') => number {
  let backoff = FIRST_BACKOFF_MS;
  return (outcome) => {
    if (outcome === 'notYet') {
      backoff = FIRST_BACKOFF_MS;
      return ACTIVATION_POLL_MS;
    }
    const wait = backoff;
    backoff = Math.min(LONGEST_BACKOFF_MS, backoff * 2);
    return wait;
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
