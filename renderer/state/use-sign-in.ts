import { useApi } from '../api/context';
import { useLive } from './live';
import { useOperation, type Operation } from './use-operation';

/**
 * Starts the admin's sign-in. The desktop app opens the system browser itself; in browser mode main
 * cannot, so this page opens the authorize URL in a new tab.
 */
export function useSignIn(): Operation & { signIn: (profileId?: string) => Promise<void> } {
  const api = useApi();
  const { update } = useLive();
  const operation = useOperation();
  const signIn = async (profileId?: string) => {
    const started = await operation.run(() => api['auth.signIn'](profileId ? { profileId } : {}));
    if (!started) return;
    if (started.openedBy === 'page') window.open(started.authorizeUrl, '_blank', 'noopener');
    const auth = await operation.run(() => api['auth.status']({}));
    if (auth) update({ auth });
  };
  return { ...operation, signIn };
}
