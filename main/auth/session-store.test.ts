import { describe, expect, it } from 'vitest';
import { createLogger } from '../log';
import { createMemoryVault } from '../store/vault';
import { createSessionStore, type StoredSession } from './session-store';

const session = (profileId: string, accessToken: string): StoredSession => ({
  version: 1,
  profileId,
  identity: {
    orgId: `00D${profileId.padEnd(15, 'x')}`,
    orgName: profileId,
    userId: '005xxxxxxxxxxxxxxx',
    userName: 'Dana',
    username: 'dana@example.com',
    instanceUrl: 'https://example.my.salesforce.com',
    environment: 'production',
  },
  permissions: { ok: true, missing: [] },
  tokens: { accessToken, refreshToken: `${accessToken}-refresh` },
});

const quiet = () => createLogger(() => undefined);

describe('the admin sessions, one per org profile', () => {
  it('keeps each profile its own session, and signing out of one leaves the others', async () => {
    const vault = createMemoryVault();
    const store = createSessionStore(vault, quiet());
    await store.save(session('prod', 'token-prod'));
    await store.save(session('uat', 'token-uat'));

    expect((await store.load('prod'))?.tokens?.accessToken).toBe('token-prod');
    expect((await store.load('uat'))?.tokens?.accessToken).toBe('token-uat');
    expect(await vault.get('auth.adminSession.prod')).toBeDefined();

    await store.clear('prod');
    expect(await store.load('prod')).toBeUndefined();
    expect((await store.load('uat'))?.tokens?.accessToken).toBe('token-uat');
  });

  it('moves the single session of an earlier version to its profile on first read', async () => {
    const vault = createMemoryVault();
    await vault.set('auth.adminSession', JSON.stringify(session('prod', 'token-old')));

    const store = createSessionStore(vault, quiet());

    expect((await store.load('prod'))?.tokens?.accessToken).toBe('token-old');
    expect(await vault.get('auth.adminSession')).toBeUndefined();
    expect(await store.load('uat')).toBeUndefined();
    // A second start finds it where it now lives.
    expect((await createSessionStore(vault, quiet()).load('prod'))?.tokens?.accessToken).toBe('token-old');
  });

  it('never lets the old key overwrite a session the profile already has', async () => {
    const vault = createMemoryVault();
    await vault.set('auth.adminSession.prod', JSON.stringify(session('prod', 'token-new')));
    await vault.set('auth.adminSession', JSON.stringify(session('prod', 'token-old')));

    expect((await createSessionStore(vault, quiet()).load('prod'))?.tokens?.accessToken).toBe('token-new');
    expect(await vault.get('auth.adminSession')).toBeUndefined();
  });
});
