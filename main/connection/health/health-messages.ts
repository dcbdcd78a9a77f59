import { appError, type AppError } from '../../../common/app-error-schema';
import type { TokenFailure } from './agent-sign-in';

/*
 * The words of a check's diagnosis, each written once: what the check could not tell (transient,
 * local), what changed in the org (named, with when and by whom where the org says), and the
 * least destructive repair. The screens use `errors.<code>` with the params.
 */

/** Salesforce's own words beside ours, so the admin can search for them. */
const theirWords = (failure: TokenFailure): string =>
  failure.status > 0 ? `Salesforce answered ${failure.status} ${failure.error}: ${failure.description}` : failure.description;

/** No answer, 5xx or 429 after the backoff: the last real verdict stands, and nothing is rebuilt. */
export function checkNoAnswer(failure: TokenFailure): AppError {
  const limited = failure.status === 429 || failure.error === 'REQUEST_LIMIT_EXCEEDED';
  if (limited)
    return appError(
      'CHECK_LIMITED',
      `Salesforce is limiting requests to this org right now (${theirWords(failure)}), so the check could not finish. Nothing is wrong with the connection as far as this shows; the check tries again later, with backoff.`,
      { action: 'retry', params: { status: failure.status, detail: failure.error } },
    );
  return appError(
    'CHECK_NO_ANSWER',
    `Salesforce did not answer the agent's sign-in (${theirWords(failure)}). This says nothing about the connection: its last verdict stands, and the check tries again, with backoff.`,
    { action: 'retry', params: { status: failure.status, detail: failure.error } },
  );
}

/** The org's reads themselves failed transiently (after the client's own retries). */
export function checkReadsNoAnswer(detail: string, limited: boolean): AppError {
  return checkNoAnswer({ ok: false, error: limited ? 'REQUEST_LIMIT_EXCEEDED' : detail, description: detail, status: limited ? 403 : 503 });
}

/** The check ran where the agent's key is not kept: the org is not the problem, this computer is. */
export function agentKeyNotHere(): AppError {
  return appError(
    'AGENT_KEY_NOT_HERE',
    "This computer does not hold the agent's private key (the connection was set up on another computer or in another data folder), so it cannot sign in as the agent. The connection in Salesforce is not marked broken for that. Check it from the computer that set it up, or Rotate key to make a new key here (the consumer key stays; the agent then needs new credentials).",
    { action: 'rotateKey' },
  );
}

/** What a check found changed in the org, one part at a time. */
export interface OrgFinding {
  part: 'app' | 'user' | 'userInactive' | 'permissionSet' | 'assignment' | 'licence';
  /** The name the admin sees in Setup. */
  name: string;
  /** When and by whom, where the org says (the user's last change). */
  at?: string;
  by?: string;
}

const when = (f: OrgFinding): string => {
  const day = f.at ? ` on ${f.at.slice(0, 10)} at ${f.at.slice(11, 16)} UTC` : '';
  return `${day}${f.by ? ` by ${f.by}` : ''}`;
};

export function findingText(f: OrgFinding): string {
  switch (f.part) {
    case 'app':
      return `The External Client App ${f.name} was deleted in Salesforce.`;
    case 'user':
      return `The integration user ${f.name} is no longer in the org.`;
    case 'userInactive':
      return `The integration user ${f.name} was deactivated in Salesforce${when(f)}.`;
    case 'permissionSet':
      return `The permission set ${f.name} was deleted in Salesforce.`;
    case 'assignment':
      return `The permission set ${f.name} is no longer assigned to the integration user.`;
    case 'licence':
      return `The integration user no longer has the ${f.name} permission set licence.`;
  }
}

/** Parts Repair brings back in place; anything else gone needs a rebuild. */
export const repairableParts: readonly OrgFinding['part'][] = ['userInactive', 'assignment', 'licence'];

/** The user, its licence or its assignment changed: Repair, with the app and key kept. */
export function connectionNeedsRepair(findings: readonly OrgFinding[]): AppError {
  const text = findings.map(findingText).join(' ');
  return appError(
    'CONNECTION_BROKEN',
    `${text} Repair ${findings.some((f) => f.part === 'userInactive') ? 'reactivates the user (its Salesforce Integration licence comes back with it) and ' : ''}re-adds what was removed; the app, its consumer key and the certificate stay, so the agent's credentials keep working.`,
    { action: 'repair', params: { broken: findings.map((f) => f.part).join(', '), found: text } },
  );
}

/** The app, the user or the permission set is gone: only a rebuild brings it back, with a new consumer key. */
export function connectionGone(findings: readonly OrgFinding[]): AppError {
  const text = findings.map(findingText).join(' ');
  return appError(
    'CONNECTION_BROKEN',
    `${text} Nothing smaller than Reconnect brings ${findings.length > 1 ? 'them' : 'it'} back: it rebuilds the connection, and the new app has a new consumer key, so export the agent's credentials again afterwards.`,
    { action: 'reconnect', params: { broken: findings.map((f) => f.part).join(', '), found: text } },
  );
}
