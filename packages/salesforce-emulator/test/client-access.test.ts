import { afterEach, describe, expect, it } from 'vitest';
import { authorizeInBrowser, CLI, newOAuth2, startEmulator, type StartedEmulator } from '../index';

let emu: StartedEmulator | undefined;
afterEach(async () => {
  await emu?.stop();
  emu = undefined;
});

const cloned = { username: 'alex.admin@contoso-demo.example', password: 'Cloned-Admin-2026!' };

async function authorize(e: StartedEmulator, who: { username: string; password: string }): Promise<URL> {
  const url = newOAuth2(e).getAuthorizationUrl({ scope: 'api refresh_token web', state: 's1' });
  return authorizeInBrowser(url, who.username, who.password);
}

describe('who may sign in with which client (facts UNINSTALLED-APP-ACCESS, API-ACCESS-CONTROL)', () => {
  it('the uninstalled default client works for System Administrator, not for a cloned admin profile', async () => {
    emu = await startEmulator({ seed: 'empty' });
    emu.addClonedAdmin(cloned);
    expect((await authorize(emu, emu.admin)).searchParams.get('code')).toBeTruthy();
    const refused = await authorize(emu, cloned);
    expect(refused.searchParams.get('code')).toBeNull();
    expect(refused.searchParams.get('error')).toBe('OAUTH_APP_BLOCKED');
    expect(refused.searchParams.get('state')).toBe('s1');
  });

  it('blockedClientError=OAUTH_APP_ACCESS_DENIED answers with that code', async () => {
    emu = await startEmulator({ seed: 'empty', switches: { blockedClientError: 'OAUTH_APP_ACCESS_DENIED' } });
    emu.addClonedAdmin(cloned);
    expect((await authorize(emu, cloned)).searchParams.get('error')).toBe('OAUTH_APP_ACCESS_DENIED');
  });

  it('API Access Control blocks the default client even for System Administrator; an installed one too', async () => {
    emu = await startEmulator({ seed: 'empty', switches: { apiAccessControl: true } });
    expect((await authorize(emu, emu.admin)).searchParams.get('error')).toBe('OAUTH_APP_BLOCKED');
    emu.registerSignInClient({ clientId: 'Installed', redirectUris: [CLI.redirectUri] });
    const url = new URL(newOAuth2(emu).getAuthorizationUrl({ scope: 'api' }));
    url.searchParams.set('client_id', 'Installed');
    expect((await authorizeInBrowser(url.toString(), emu.admin.username, emu.admin.password)).searchParams.get('error')).toBe(
      'OAUTH_APP_BLOCKED',
    );
  });
});
