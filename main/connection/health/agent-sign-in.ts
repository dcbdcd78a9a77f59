import { requestAgentToken, type AgentTokenResult } from '../../agent/token';
import type { Sleep } from '../../salesforce/retry';
import type { ConnectionRecord } from '../record/record-store';

export type TokenFailure = Extract<AgentTokenResult, { ok: false }>;

/** What one check learnt from the agent's sign-in: only `refused` says something about the org. */
export type SignInOutcome =
  | { kind: 'ok' }
  /** This computer does not hold the agent's private key: nothing was asked. */
  | { kind: 'noKey' }
  /** No answer, 5xx, 429 or the API limit, after the tries with backoff: says nothing about the connection. */
  | { kind: 'transient'; failure: TokenFailure }
  | { kind: 'refused'; failure: TokenFailure };

const SIGN_IN_ATTEMPTS = 3;
/** Doubled after each transient answer: 2 s, then 4 s, before the check gives up for this time. */
const FIRST_BACKOFF_MS = 2_000;

/** Only these mean "try again later" (fact ACTIVATION-PROPAGATION): transport failures, 5xx, 429 and the API limit. */
export const isTransientFailure = (failure: TokenFailure): boolean =>
  failure.status === 0 || failure.status >= 500 || failure.status === 429 || failure.error === 'REQUEST_LIMIT_EXCEEDED';

/** An app still spreading answers "not yet" and success in turn (fact ACTIVATION-PROPAGATION): one answer is not the verdict. */
const spreading = (failure: TokenFailure): boolean =>
  failure.error === 'invalid_client_id' ||
  failure.error === 'app_not_found' ||
  (failure.error === 'invalid_grant' && /hasn.t approved this consumer/i.test(failure.description));

/** The agent signs in as it would (JWT bearer with the key this computer holds), up to three times. */
export async function agentSignIn(
  record: ConnectionRecord,
  privateKeyPem: string | undefined,
  now: () => Date,
  sleep: Sleep,
): Promise<SignInOutcome> {
  const consumerKey = record.artifacts.app?.consumerKey;
  const username = record.artifacts.integrationUser?.username;
  if (!privateKeyPem) return { kind: 'noKey' };
  if (!consumerKey || !username)
    return {
      kind: 'refused',
      failure: { ok: false, error: 'not_recorded', description: 'The connection record lacks the app or user.', status: 0 },
    };
  const credentials = { instanceUrl: record.org.myDomainUrl, audience: record.org.audience, consumerKey, username, privateKeyPem };
  for (let attempt = 1; ; attempt++) {
    const result = await requestAgentToken({ ...credentials, now: now() });
    if (result.ok) return { kind: 'ok' };
    const transient = isTransientFailure(result);
    if (attempt === SIGN_IN_ATTEMPTS || !(transient || spreading(result)))
      return { kind: transient ? 'transient' : 'refused', failure: result };
    if (transient) await sleep(FIRST_BACKOFF_MS * 2 ** (attempt - 1));
  }
}
