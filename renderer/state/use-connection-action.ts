import { useApi } from '../api/context';
import { useReview } from '../components/review';
import type { Reviewed } from '../components/review-types';
import { useLive } from './live';
import { requestProgressFocus, takeProgressFocus } from './progress-focus';
import { useOperation, type Operation } from './use-operation';

export const connectionActions = [
  'enable',
  'disable',
  'reconnect',
  'recreate',
  'updateAccess',
  'repair',
  'rotateKey',
  'resume',
  'rollback',
] as const;
export type ConnectionAction = (typeof connectionActions)[number];

/** What the admin chose besides the action: a take-over of another install's connection (CONNECTION_OWNED_ELSEWHERE). */
export interface ActionOptions {
  takeOver?: boolean;
}

/** The run's input: the confirmed plan, and the choices its review offered. */
function runInput(action: ConnectionAction, reviewed: Reviewed, options: ActionOptions) {
  return {
    planId: reviewed.planId,
    ...(action === 'updateAccess' && reviewed.removeHandAdded && { removeHandAdded: true }),
    ...(action === 'enable' && reviewed.userFields && Object.keys(reviewed.userFields).length > 0 && { userFields: reviewed.userFields }),
    ...((action === 'enable' || action === 'reconnect') && options.takeOver === true && { takeOver: true }),
  };
}

/** Reviews, then starts a connection run (true once it started); the returned state (usually "running") is shown at once, events do the rest. */
export function useConnectionAction(): Operation & { start: (action: ConnectionAction, options?: ActionOptions) => Promise<boolean> } {
  const api = useApi();
  const { update, connectionStamp } = useLive();
  const operation = useOperation();
  const review = useReview();
  const start = async (action: ConnectionAction, options: ActionOptions = {}) => {
    // The admin sees the plan first; the run starts only with the id of the plan they confirmed.
    const reviewed = await review(action, options);
    if (!reviewed) return false;
    const before = connectionStamp();
    requestProgressFocus();
    const connection = await operation.run(() => api[`connection.${action}`](runInput(action, reviewed, options)));
    // Events that arrived meanwhile are newer than this answer (a short run may already be over).
    if (!connection) takeProgressFocus();
    if (connection && connectionStamp() === before) update({ connection });
    return connection !== undefined;
  };
  return { ...operation, start };
}
