import { isTransient } from './errors';

/** Why `signal` aborted, as an Error (a cancelled run's signal carries the admin-facing failure). */
export function abortReason(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('The operation was cancelled.');
}

/**
 * A signal that never aborts, as VS Code's CancellationToken.None: what work that must not be cut
 * short (a roll-back) and work nobody can cancel run under. Its controller is dropped at once.
 */
export const neverAborted: AbortSignal = new AbortController().signal;

/** Waiting is injected so tests run without real delays; a signal ends the wait at once (cancellation). */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;
export const realSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortReason(signal));
    const onAbort = () => {
      clearTimeout(timer);
      if (signal) reject(abortReason(signal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** `sleep`, ended by `signal()` as soon as it aborts (whichever comes first). */
export function abortableSleep(sleep: Sleep, signal: () => AbortSignal): Sleep {
  return (ms) => {
    const current = signal();
    if (current.aborted) return Promise.reject(abortReason(current));
    return new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(abortReason(current));
      current.addEventListener('abort', onAbort, { once: true });
      sleep(ms, current).then(() => {
        current.removeEventListener('abort', onAbort);
        resolve();
      }, reject);
    });
  };
}

export interface RetryPolicy {
  sleep: Sleep;
  /** Total tries including the first. */
  attempts: number;
  /** First pause; each later pause doubles, capped at `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = { sleep: realSleep, attempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 };

export function backoffDelay(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
}

/**
 * The one retry rule: a transient failure (5xx, a dropped connection, REQUEST_LIMIT_EXCEEDED) gets
 * another try after a doubling pause, up to the policy's attempts. Resolves true after the pause
 * when another try is due, false when the failure stands. Loops that re-plan between tries (the
 * provisioner) call this directly; everything else goes through `withRetry`.
 */
export async function pauseBeforeRetry(policy: RetryPolicy, error: unknown, attempt: number): Promise<boolean> {
  if (attempt >= policy.attempts || !isTransient(error)) return false;
  await policy.sleep(backoffDelay(policy, attempt));
  return true;
}

/**
 * Runs `operation` again while `pauseBeforeRetry` says so; anything else, or the last failure, is
 * rethrown. `beforeRetry` lets a caller look again before repeating a change that may have gone through.
 */
export async function withRetry<T>(
  policy: RetryPolicy,
  operation: (attempt: number) => Promise<T>,
  beforeRetry?: (error: unknown) => Promise<void>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation(attempt);
    } catch (error) {
      if (!(await pauseBeforeRetry(policy, error, attempt))) throw error;
      if (beforeRetry) await beforeRetry(error);
    }
  }
}
