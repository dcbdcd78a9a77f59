import jsforce from 'jsforce';
import { fail } from '../../../common/errors';
import type { Grant } from '../../../common';
import { requestAgentToken, type AgentTokenResult } from '../../agent/token';
import { agentCredentials } from './activation';
import { API_VERSION, createOrgClient, queryRows, queryUrl, type CompositeSubrequest } from '../../salesforce/client';
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

const refused = new Set(['INVALID_TYPE', 'INSUFFICIENT_ACCESS', 'INSUFFICIENT_ACCESS_OR_READONLY', 'NOT_FOUND', 'INVALID_FIELD']);

/** The token activation obtained, or (a resumed run, where activation finished earlier) a fresh one. */
async function agentToken(ctx: StepContext): Promise<Extract<AgentTokenResult, { ok: true }>> {
  const kept = ctx.scratch.get('agentToken') as AgentTokenResult | undefined;
  const token = kept ?? (await requestAgentToken({ instanceUrl: ctx.instanceUrl, audience: ctx.loginUrl, ...(await agentCredentials(ctx)), now: ctx.now() }));
  if (!token.ok) fail('VERIFICATION_FAILED', `The agent could not sign in to check its access (${token.description}). Try Reconnect.`, { action: 'reconnect' });
  ctx.log.registerSecret(token.accessToken);
  return token;
}

/**
 * Signs in as the agent (its own JWT, not the admin's session) and reads what the profile grants;
 * then checks that an object outside the profile is refused, so the access is least privilege.
 */
export const verificationStep: Step = {
  id: 'verification',
  intent: () => ({}),
  find: () => Promise.resolve(null),
  async apply(ctx) {
    const token = await agentToken(ctx);
    const conn = new jsforce.Connection({ instanceUrl: token.instanceUrl, accessToken: token.accessToken, version: API_VERSION });
    const agent = createOrgClient(conn, ctx.retry);
    const queries = verificationQueries(ctx.desired.grants);
    const outside = ctx.snapshot.outsideObject;
    const requests: CompositeSubrequest[] = [...queries].map(([object, soql]) => ({ referenceId: `read_${object}`, method: 'GET', url: queryUrl(soql) }));
    if (outside) requests.push({ referenceId: 'outside', method: 'GET', url: queryUrl(`SELECT Id FROM ${outside} LIMIT 1`) });
    const results = await agent.composite(requests);
    for (const object of queries.keys()) {
      try {
        queryRows(results.get(`read_${object}`));
      } catch (error) {
        const detail = error instanceof SalesforceError ? `${error.code}: ${error.message}` : 'no answer';
        fail('VERIFICATION_FAILED', `Signed in as the agent, reading ${object} failed (${detail}). Try Reconnect.`, { action: 'reconnect', params: { object, detail } });
      }
    }
    if (outside) {
      const answer = results.get('outside');
      if (answer?.ok || (answer && !refused.has(answer.error.code))) {
        fail('VERIFICATION_FAILED', `Signed in as the agent, ${outside} (outside its access profile) was not refused. Check the integration user's profile and permission sets.`, {
          action: 'reconnect',
          params: { object: outside },
        });
      }
    }
    return { verifiedAt: ctx.now().toISOString(), objects: [...queries.keys()], refused: outside ?? '' };
  },
  undo: () => Promise.resolve(),
};
