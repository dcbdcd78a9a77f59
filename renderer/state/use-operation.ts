import { useCallback, useState } from 'react';
import { toAppError, type AppError } from '../../common/app-error';

export interface Operation {
  busy: boolean;
  error: AppError | null;
  /** Runs one call; a failure is kept as `error` (shown by the caller), never thrown at React. */
  run: <T>(call: () => Promise<T>) => Promise<T | undefined>;
  clearError: () => void;
}

export function useOperation(): Operation {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = useCallback(async <T>(call: () => Promise<T>): Promise<T | undefined> => {
    setBusy(true);
    setError(null);
    try {
      return await call();
    } catch (thrown) {
      setError(toAppError(thrown));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { busy, error, run, clearError };
}
