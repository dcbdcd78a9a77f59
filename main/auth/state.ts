import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The `state` that ties Salesforce's redirect to the sign-in this app started (CSRF, code injection). */
export function newState(): string {
  return randomBytes(24).toString('base64url');
}

/** Constant-time comparison; hashing first keeps the length of the expected value private too. */
export function statesMatch(expected: string, received: string | null): boolean {
  if (received === null || received === '') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(received));
}
