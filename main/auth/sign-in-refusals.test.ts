import { describe, expect, it } from 'vitest';
import { signInWaitingText } from './sign-in-refusals';

describe('what the CLI says while the sign-in waits', () => {
  it('says when it stops, what an error page in the browser means, and each error value with its fix', () => {
    const now = new Date('2026-01-01T10:00:00Z');
    const lines = signInWaitingText({ clientId: 'PlatformCLI', callbackPort: 1717 }, new Date('2026-01-01T10:02:00Z'), now);
    expect(lines[0]).toMatch(/up to 2 minutes, then it stops by itself/);
    expect(lines[1]).toMatch(/RemoteAccessErrorPage\.apexp\?error=/);
    const byError = lines.slice(2).join('\n');
    for (const [error, fix] of [
      ['invalid_client', /app must be installed into org.*Approve Uninstalled Connected Apps/],
      ['OAUTH_APP_BLOCKED', /Connected Apps OAuth Usage/],
      ['OAUTH_APP_ACCESS_DENIED', /admin-approved/],
      ['redirect_uri_mismatch', /http:\/\/localhost:1717\/OauthRedirect/],
    ] as const) {
      expect(byError).toContain(`error=${error}:`);
      expect(byError).toMatch(fix);
    }
  });
});
