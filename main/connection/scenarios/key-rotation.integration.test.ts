import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { requestAgentToken } from '../../agent/token';
import { createSettingsRepository } from '../../store/settings-repository';
import { artifactNames } from '../org/names';
import { privateKeyVaultKey } from '../steps/key-pair';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const DAY_MS = 24 * 60 * 60 * 1000;

/** Signs in exactly as the agent does, with the given private key. */
async function agentSignIn(h: Harness, privateKeyPem: string) {
  const details = h.services.connection.state().details;
  if (!details) throw new Error('not connected');
  return requestAgentToken({
    instanceUrl: h.emulator.instanceUrl,
    audience: details.org.audience,
    consumerKey: details.app.consumerKey,
    username: details.user.username,
    privateKeyPem,
    now: new Date(),
  });
}

describe('Rotate key', () => {
  it('replaces the certificate: the old key is refused at once, the new one works, the consumer key stays', async () => {
    harness = await startHarness({ activationDelayMs: 0 });
    const h = harness;
    const { connection } = h.services;
    const connected = await h.run(() => connection.planAndRun('enable'));
    expect(connected.status).toBe('connected');
    const vaultKey = privateKeyVaultKey(h.emulator.orgId, artifactNames(createSettingsRepository(h.stores).get().agentName).appApiName);
    const oldKey = await h.vault.get(vaultKey);
    expect(oldKey).toBeDefined();
    const consumerKey = connected.details?.app.consumerKey;
    expect((await agentSignIn(h, oldKey ?? '')).ok).toBe(true);

    const rotated = await h.run(() => connection.planAndRun('rotateKey'));
    expect(rotated.status).toBe('connected');
    expect(rotated.details?.app.consumerKey).toBe(consumerKey);
    expect(rotated.details?.certificate?.rotatedAt).toBeDefined();
    expect(h.progress.at(-1)?.steps.map((s) => [s.id, s.state])).toEqual([
      ['keyPair', 'done'],
      ['replaceCertificate', 'done'],
      ['activation', 'done'],
      ['verification', 'done'],
    ]);

    const newKey = await h.vault.get(vaultKey);
    expect(newKey).toBeDefined();
    expect(newKey).not.toBe(oldKey);
    const refused = await agentSignIn(h, oldKey ?? '');
    expect(refused).toMatchObject({ ok: false, error: 'invalid_grant' });
    expect((await agentSignIn(h, newKey ?? '')).ok).toBe(true);
    // Nothing of the replaced key stays on this computer.
    expect(await h.vault.get(`${vaultKey}:previous`)).toBeUndefined();
    expect((await connection.check()).agentTokenOk).toBe(true);
    const entry = h.audit.list({ operation: 'connection.rotateKey' }).at(-1);
    expect(entry?.result).toBe('success');
    expect(entry?.summary).toMatch(/previous key stopped working/);
  });

  it('makes the certificate as long-lived as the setting says, and the details show its end', async () => {
    harness = await startHarness({ activationDelayMs: 0 });
    const h = harness;
    const state = await h.run(() => h.services.connection.planAndRun('enable'));
    const certificate = state.details?.certificate;
    expect(certificate?.warning).toBe('none');
    const days = (Date.parse(certificate?.notAfter ?? '') - Date.now()) / DAY_MS;
    expect(Math.round(days)).toBe(365);
  });
});
