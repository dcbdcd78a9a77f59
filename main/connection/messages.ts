import { appError, type AppError } from '../../common/app-error-schema';

/*
 * The admin-facing messages of the connection's runs, each written once: the screens may replace the
 * text with their own catalog entry (renderer/i18n, `errors.<code>`) using the params.
 */

export const interruptedRun = (): AppError => appError('INTERRUPTED_RUN', 'The last change to the connection did not finish. Resume it, or roll it back.', { action: 'resume' });

export const operationInProgress = (): AppError => appError('OPERATION_IN_PROGRESS', 'Another change to the connection is still running. Wait for it to finish.');

export function connectionDrift(missing: readonly string[]): AppError {
  const list = missing.join(', ');
  return appError('CONNECTION_DRIFT', `The agent now reads ${list}, which the permission set does not grant: the connection must be recreated (or its access updated).`, {
    action: 'recreate',
    params: { missing: list },
  });
}

export function connectionBroken(broken: readonly string[]): AppError {
  const list = broken.join(', ');
  return appError('CONNECTION_BROKEN', `Part of the connection is missing or changed in Salesforce (${list}). Reconnect to rebuild it.`, { action: 'reconnect', params: { broken: list } });
}

export const notRemoved = (leftovers: readonly string[]): AppError =>
  appError('STEP_FAILED', `Some parts of the connection could not be removed: ${leftovers.join('; ')}`, { action: 'retry' });

export const oldNotRemoved = (leftovers: readonly string[]): AppError =>
  appError('STEP_FAILED', `The old connection could not be fully removed: ${leftovers.join('; ')}`, { action: 'retry' });

export const rollbackLeftovers = (leftovers: readonly string[]): AppError => appError('STEP_FAILED', `Roll back could not remove: ${leftovers.join('; ')}`, { action: 'rollback' });

/** The reason a cancelled run's signal carries; whatever was interrupted ends with it. */
export const runCancelled = (): AppError => appError('RUN_CANCELLED', 'The run was cancelled; what it had created so far was removed.');
