import { createTokenOrgClient, type OrgClient } from '../salesforce/client';
import { toSalesforceError } from '../salesforce/errors';
import type { RetryPolicy } from '../salesforce/retry';

export interface AgentSessionToken {
  accessToken: string;
  instanceUrl: string;
}

export interface AgentTokens {
  /** A token the run already holds (e.g. from activation), or a new one. */
  current(): Promise<AgentSessionToken>;
  /** Always a new token: the JWT bearer grant again. */
  fresh(): Promise<AgentSessionToken>;
}

/**
 * Works in the org as the agent. The agent's session can end before its token is used (it expires,
 * or an admin revokes it: fact AGENT-SESSION-EXPIRY); the JWT bearer grant has no refresh token, so
 * the way on is a new grant and one more try. A second refusal is real and is passed on.
 */
export async function asAgent<T>(tokens: AgentTokens, retry: RetryPolicy, use: (agent: OrgClient) => Promise<T>): Promise<T> {
  const attempt = async (token: AgentSessionToken) => use(createTokenOrgClient(token, retry));
  try {
    return await attempt(await tokens.current());
  } catch (error) {
    if (!isSessionEnded(error)) throw error;
    return attempt(await tokens.fresh());
  }
}

export function isSessionEnded(error: unknown): boolean {
  return toSalesforceError(error).code === 'INVALID_SESSION_ID';
}
