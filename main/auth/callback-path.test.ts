import { afterEach, describe, expect, it } from 'vitest';
import { SIGN_IN_CALLBACK_PATH } from '../../common';
import { freePort } from '../../e2e/support/free-port';
import { beginSignIn, type SignInAttempt } from './sign-in-flow';

const attempts: SignInAttempt[] = [];
afterEach(() => attempts.splice(0).forEach((attempt) => (attempt.done.catch(() => undefined), attempt.cancel())));

describe('the callback URL the Add-profile dialog tells admins to register', () => {
  it('is the one sign-in sends to Salesforce and listens on', async () => {
    const port = await freePort();
    const attempt = await beginSignIn(
      { id: 'own', name: 'Own client', environment: 'production', clientId: '3MVG9own', callbackPort: port },
      { timeoutMs: 60_000, now: () => new Date(), complete: () => Promise.resolve() },
    );
    attempts.push(attempt);
    const redirectUri = new URL(new URL(attempt.authorizeUrl).searchParams.get('redirect_uri') ?? '');
    // The dialog renders http://localhost:<port> followed by SIGN_IN_CALLBACK_PATH (SettingsScreen.test.tsx).
    expect(redirectUri.href).toBe(`http://localhost:${port}${SIGN_IN_CALLBACK_PATH}`);
    const onTheDialogsPath = await fetch(`http://127.0.0.1:${port}${SIGN_IN_CALLBACK_PATH}?state=wrong&code=c`);
    const elsewhere = await fetch(`http://127.0.0.1:${port}/OAuth/Callback?state=wrong&code=c`);
    expect(onTheDialogsPath.status).not.toBe(404);
    expect(elsewhere.status).toBe(404);
  });
});
