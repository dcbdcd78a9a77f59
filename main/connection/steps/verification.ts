import { fail } from '../../../common/app-error-schema';
import type { Grant } from '../../../common';
import { asAgent, isSessionEnded, type AgentTokens } from '../../agent/agent-session';
import { requestAgentToken, type AgentTokenResult } from '../../agent/token';
import { agentCredentials } from './activation';
import { queryRows, queryUrl, type CompositeSubrequest, type SubResult } from '../../salesforce/client';
import { SalesforceError } from '../../salesforce/errors';
import type { Step, StepContext } from './step';

/** The queries that prove the grants: one record of each granted object with its granted fields. */
export function verificationQueries(grants: readonly Grant[]): Map<string, string> {
  const fieldsByObject = new Map<string, string[]>();
  for (const grant of grants) {
    const fields = fieldsByObject.get(grant.object) ?? ['Id'];
    if (grant.field !== null && !fields.includes(grant.field)) fields.push(grant.field);
    fieldsByObject.set(grant.object, fields);
  }
  return new Map([...fieldsByObject].map(([object, fields]) => [object, `SELECT ${fields.join(', ')} FROM ${object} LIMIT 1`]));
}

const objectRefusals = ['INVALID_TYPE', 'INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY', 'NOT_FOUND'];
const refused = new Set([...objectRefusals, 'INVALID_FIELD']);

/**
 * Activities have no object permission to prove (fact ACTIVITY-OBJECT-PERMISSIONS): an org may refuse
 * the query for them outright, which is not a failure of the grants. A refused field still is.
 */
function refusedThroughParents(grants: readonly Grant[], object: string, error: unknown): boolean {
  const viaParents = grants.some((g) => g.object === object && g.field === null && g.throughParentRecords === true);
  return viaParents && error instanceof SalesforceError && objectRefusals.includes(error.code);
}

/** The token activation obtained (a resumed run, where activation finished earlier, has none), and new ones on request. */
export function agentTokens(ctx: StepContext): AgentTokens {
  const signIn = async (): Promise<AgentTokenResult> =>
    requestAgentToken({ instanceUrl: ctx.instanceUrl, audience: ctx.audience, ...(await agentCredentials(ctx)), now: ctx.now() });
  const usable = (token: AgentTokenResult) => {
    if (!token.ok)
      fail('VERIFICATION_FAILED', `The agent could not sign in to check its access (${token.description}). Try Reconnect.`, {
        action: 'reconnect',
      });
    ctx.log.registerSecret(token.accessToken);
    return token;
  };
  return {
    current: async () => usable(ctx.run.agentToken ?? (await signIn())),
    fresh: async () => usable(await signIn()),
  };
}

/** Reads as the agent; a session that ends even after a new sign-in is the agent's problem, not the admin's. */
async function readAsAgent(ctx: StepContext, requests: CompositeSubrequest[]): Promise<Map<string, SubResult>> {
  try {
    return await asAgent(agentTokens(ctx), ctx.retry, (agent) => agent.composite(requests));
  } catch (error) {
    if (!isSessionEnded(error)) throw error;
    return fail(
      'VERIFICATION_FAILED',
      "Salesforce ended the agent's session as soon as it signed in. Check the session policies of the agent's app and user, then try Reconnect.",
      { action: 'reconnect' },
    );
  }
}

/**
 * Signs in as the agent (its own JWT, not the admin's session) and reads what the profile grants;
 * then checks that an object outside the profile is refused, so the access is least privilege.
 */
export const verificationStep: Step<'verification'> = {
  id: 'verification',
  changesNothing: true,
  intent: () => ({}),
  find: () => Promise.resolve(null),
  async apply(ctx) {
    const queries = verificationQueries(ctx.desired.grants);
    const outside = ctx.snapshot.outsideObject;
    const requests: CompositeSubrequest[] = [...queries].map(([object, soql]) => ({
      referenceId: `read_${object}`,
      method: 'GET',
      url: queryUrl(soql),
    }));
    if (outside) requests.push({ referenceId: 'outside', method: 'GET', url: queryUrl(`SELECT Id FROM ${outside} LIMIT 1`) });
    const results = await readAsAgent(ctx, requests);
    const throughParents: string[] = [];
    for (const object of queries.keys()) {
      try {
        queryRows(results.get(`read_${object}`));
      } catch (error) {
        if (refusedThroughParents(ctx.desired.grants, object, error)) {
          throughParents.push(object);
          continue;
        }
        const detail = error instanceof SalesforceError ? `${error.code}: ${error.message}` : 'no answer';
        fail('VERIFICATION_FAILED', `Signed in as the agent, reading ${object} failed (${detail}). Try Reconnect.`, {
          action: 'reconnect',
          params: { object, detail },
        });
      }
    }
    if (outside) {
      const answer = results.get('outside');
      if (answer?.ok || (answer && !refused.has(answer.error.code))) {
        fail(
          'VERIFICATION_FAILED',
          `Signed in as the agent, ${outside} (outside its access profile) was not refused. Check the integration user's profile and permission sets.`,
          {
            action: 'reconnect',
            params: { object: outside },
          },
        );
      }
    }
    const verified = [...queries.keys()].filter((o) => !throughParents.includes(o));
    return { verifiedAt: ctx.now().toISOString(), objects: verified, throughParentRecords: throughParents, refused: outside ?? '' };
  },
  undo: () => Promise.resolve(),
};
