import { useApi } from '../api/context';
import { useReview } from '../components/review';
import { useLive } from './live';
import { useOperation, type Operation } from './use-operation';

export const connectionActions = ['enable', 'disable', 'reconnect', 'recreate', 'updateAccess', 'resume', 'rollback'] as const;
export type ConnectionAction = (typeof connectionActions)[number];

/** Reviews, then starts a connection run (true once it started); the returned state (usually "running") is shown at once, events do the rest. */
export function useConnectionAction(): Operation & { start: (action: ConnectionAction) => Promise<boolean> } {
  const api = useApi();
  const { update, connectionStamp } = useLive();
  const operation = useOperation();
  const review = useReview();
  const start = async (action: ConnectionAction) => {
    // The admin sees the plan first; the run starts only with the id of the plan they confirmed.
    const planId = await review(action);
    if (!planId) return false;
    const before = connectionStamp();
    const connection = await operation.run(() => api[`connection.${action}`]({ planId }));
    // Events that arrived meanwhile are newer than this answer (a short run may already be over).
    if (connection && connectionStamp() === before) update({ connection });
    return connection !== undefined;
  };
  return { ...operation, start };
}
