import type { Drift, GrantMark } from '../../../common';
import { appError, type AppError } from '../../../common/app-error-schema';
import { markText } from './grant-diff';

/*
 * The admin-facing messages of the connection's runs, each written once: the screens may replace the
 * text with their own catalog entry (renderer/i18n, `errors.<code>`) using the params.
 */

export const interruptedRun = (): AppError =>
  appError('INTERRUPTED_RUN', 'The last change to the connection did not finish. Resume it, or roll it back.', { action: 'resume' });

export const operationInProgress = (): AppError =>
  appError('OPERATION_IN_PROGRESS', 'Another change to the connection is still running. Wait for it to finish.');

/** Another profile made active mid-change would leave that change without the org it runs in. */
export const switchWhileChanging = (): AppError =>
  appError(
    'OPERATION_IN_PROGRESS',
    'The connection in this org is still changing or has an unfinished change. Let it finish, or resume or roll it back, before you switch org profile.',
  );

/**
 * The agent's access in the org differs from its access profile. Every Edit and View All Records
 * that Update access would add is named, and what it would take away says who granted it.
 */
export function connectionDrift(drift: Drift): AppError {
  const names = (marks: readonly GrantMark[] | undefined) => (marks ?? []).map(markText).join(', ');
  const missing = [...drift.missingObjects, ...drift.missingFields].join(', ');
  const escalations = names(drift.escalations);
  const narrowed = names(drift.narrowed);
  const handAdded = names(drift.handAdded);
  const parts = [
    // Said the same whether the agent's access gained it or an admin removed the grant in Salesforce:
    // either way the agent does not have it, and Update access grants it in place.
    missing &&
      `The agent does not have ${missing}: its access includes it, but the permission set does not grant it. Update access grants it in the same permission set (the app and its consumer key stay; Recreate is not needed).`,
    escalations && `Update access will also grant ${escalations}.`,
    narrowed && `Granted earlier by Agent Connections and since taken out of the agent's access: ${narrowed}; Update access removes it.`,
    handAdded && `Added by hand in Salesforce, not by Agent Connections: ${handAdded}; removed only if you confirm.`,
  ].filter(Boolean);
  return appError('CONNECTION_DRIFT', `The agent's access in Salesforce differs from its access profile. ${parts.join(' ')}`, {
    // The smallest repair, the same on every screen and in the CLI: Update access keeps the app and key.
    action: 'updateAccess',
    params: { missing, escalations, narrowed, handAdded },
  });
}

/** Another install of the app manages this connection: replacing or removing it would cut that install's agent off. */
export function connectionOwnedElsewhere(run: 'enable' | 'reconnect'): AppError {
  return appError(
    'CONNECTION_OWNED_ELSEWHERE',
    "Another Agent Connections install manages this agent's connection in this org. Taking it over replaces the agent's key: the credentials the other install handed out stop working.",
    { action: 'takeOver', params: { run } },
  );
}

export function connectionBroken(broken: readonly string[]): AppError {
  const list = broken.join(', ');
  return appError('CONNECTION_BROKEN', `Part of the connection is missing or changed in Salesforce (${list}). Reconnect to rebuild it.`, {
    action: 'reconnect',
    params: { broken: list },
  });
}

export const notRemoved = (leftovers: readonly string[]): AppError =>
  appError('STEP_FAILED', `Some parts of the connection could not be removed: ${leftovers.join('; ')}`, { action: 'retry' });

export const oldNotRemoved = (leftovers: readonly string[]): AppError =>
  appError('STEP_FAILED', `The old connection could not be fully removed: ${leftovers.join('; ')}`, { action: 'retry' });

export const rollbackLeftovers = (leftovers: readonly string[]): AppError =>
  appError('STEP_FAILED', `Roll back could not remove: ${leftovers.join('; ')}`, { action: 'rollback' });

/** The reason a cancelled run's signal carries; whatever was interrupted ends with it. */
export const runCancelled = (): AppError => appError('RUN_CANCELLED', 'The run was cancelled; what it had created so far was removed.');

/** What the agent's key is wanted for, in the refusals below. */
export type KeyOperation = 'exportCredentials' | 'rotateKey' | 'takeOver';
const keyDoing: Record<KeyOperation, string> = {
  exportCredentials: "export the agent's credentials",
  rotateKey: "rotate the agent's key",
  takeOver: 'take the connection over',
};

/** The signed-in user lacks the rights pre-flight asks of the connection's admin, so the agent's key is not theirs to have. */
export function notConnectionAdmin(operation: KeyOperation, username: string, missing: readonly string[]): AppError {
  const list = missing.join(', ');
  return appError(
    'NOT_CONNECTION_ADMIN',
    `Only an admin with the connection's rights may ${keyDoing[operation]}. Your Salesforce user ${username} lacks: ${list}.`,
    { params: { operation, username, missing: list } },
  );
}

/** Another admin than the one who turned the connection on: the key changes hands only when they say so. */
export function notConnectionOwner(operation: KeyOperation, username: string, owner: string): AppError {
  return appError(
    'NOT_CONNECTION_OWNER',
    `${owner} turned this connection on. To ${keyDoing[operation]} as ${username}, confirm that you take the connection over from them.`,
    { action: 'handOver', params: { operation, username, owner } },
  );
}
