import { isTransient } from './errors';

/** Waiting is injected so tests run without real delays. */
export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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
 * Runs `operation` again after a pause while it fails with a transient error (5xx, a dropped
 * connection, REQUEST_LIMIT_EXCEEDED); anything else, or the last failure, is rethrown.
 * `beforeRetry` lets a caller look again before repeating a change that may have gone through.
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
      if (attempt >= policy.attempts || !isTransient(error)) throw error;
      await policy.sleep(backoffDelay(policy, attempt));
      if (beforeRetry) await beforeRetry(error);
    }
  }
}
