import { useApi } from '../api/context';
import { useLive } from './live';
import { useOperation, type Operation } from './use-operation';

export const connectionActions = ['enable', 'disable', 'reconnect', 'recreate', 'updateAccess', 'resume', 'rollback'] as const;
export type ConnectionAction = (typeof connectionActions)[number];

/** Starts a connection run; the returned state (usually "running") is shown at once, events do the rest. */
export function useConnectionAction(): Operation & { start: (action: ConnectionAction) => Promise<void> } {
  const api = useApi();
  const { update, connectionStamp } = useLive();
  const operation = useOperation();
  const start = async (action: ConnectionAction) => {
    const before = connectionStamp();
    const connection = await operation.run(() => api[`connection.${action}`]({}));
    // Events that arrived meanwhile are newer than this answer (a short run may already be over).
    if (connection && connectionStamp() === before) update({ connection });
  };
  return { ...operation, start };
}
