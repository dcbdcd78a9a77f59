import { fail } from '../../../common/errors';
import { requestAgentToken } from '../../agent/token';
import { text } from '../artifacts';
import { agentPrivateKey } from './key-pair';
import type { Step, StepContext } from './step';

/** New apps take a while to reach every Salesforce server (salesforce.md §1.5): keep trying this long. */
export const ACTIVATION_TIMEOUT_MS = 15 * 60 * 1000;
const FIRST_WAIT_MS = 5_000;
const LONGEST_WAIT_MS = 60_000;

export interface AgentCredentials {
  consumerKey: string;
  username: string;
  privateKeyPem: string;
}

export async function agentCredentials(ctx: StepContext): Promise<AgentCredentials> {
  const consumerKey = text(ctx.artifacts, 'app', 'consumerKey');
  const username = text(ctx.artifacts, 'integrationUser', 'username');
  const privateKeyPem = await agentPrivateKey(ctx);
  if (!consumerKey || !username || !privateKeyPem) fail('STEP_FAILED', "The agent's credentials are incomplete.", { action: 'reconnect' });
  return { consumerKey, username, privateKeyPem };
}

/**
 * Waits until the app accepts the agent: the JWT bearer grant at the My Domain host, retried with
 * growing pauses until it works or the deadline passes, reporting a countdown as it goes.
 */
export const activationStep: Step = {
  id: 'activation',
  intent: () => ({}),
  find: () => Promise.resolve(null),
  async apply(ctx) {
    const credentials = await agentCredentials(ctx);
    const deadline = ctx.now().getTime() + ctx.activationTimeoutMs;
    const deadlineAt = new Date(deadline).toISOString();
    let wait = FIRST_WAIT_MS;
    for (let attempt = 1; ; attempt++) {
      ctx.onActivation({ attempt, nextAttemptAt: null, deadlineAt });
      const result = await requestAgentToken({ instanceUrl: ctx.instanceUrl, audience: ctx.loginUrl, ...credentials, now: ctx.now() });
      if (result.ok) {
        ctx.log.registerSecret(result.accessToken);
        ctx.scratch.set('agentToken', result);
        return { activatedAt: ctx.now().toISOString(), attempts: attempt };
      }
      const next = ctx.now().getTime() + wait;
      if (next > deadline) {
        fail('ACTIVATION_TIMEOUT', `Salesforce still does not accept the agent's sign-in after ${Math.round(ctx.activationTimeoutMs / 60000)} minutes (${result.description}). Try Reconnect later.`, {
          action: 'reconnect',
          params: { detail: `${result.error}: ${result.description}` },
        });
      }
      ctx.log.info('activation: not yet', { attempt, error: result.error });
      ctx.onActivation({ attempt, nextAttemptAt: new Date(next).toISOString(), deadlineAt });
      await ctx.sleep(wait);
      wait = Math.min(LONGEST_WAIT_MS, wait * 2);
    }
  },
  undo: () => Promise.resolve(),
};
