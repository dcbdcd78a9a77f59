import { X509Certificate } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const PASSPHRASE = 'correct horse battery staple';

interface CredentialsFile {
  appId: string;
  consumerKey: string;
  certificateFingerprint: string;
  exportedAt: string;
}

async function exported(h: Harness): Promise<CredentialsFile> {
  return JSON.parse((await h.services.connection.exportCredentials(PASSPHRASE)).content) as CredentialsFile;
}

async function connected(): Promise<Harness> {
  const h = await startHarness();
  harness = h;
  expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');
  return h;
}

describe('the hand-over of new credentials to the agent', () => {
  it("a first Enable owes nothing; the file names the org's app id and the certificate's fingerprint", async () => {
    const h = await connected();
    expect(h.services.connection.state().handOver).toBeUndefined();

    const file = await exported(h);
    const app = h.emulator.state().externalClientApps[0];
    expect(file.appId).toBe(app?.id);
    expect(file.certificateFingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(h.services.connection.state().details?.certificate?.fingerprint).toBe(file.certificateFingerprint);
    expect(h.services.connection.state().details?.app.id).toBe(app?.id);
  });

  it('after Reconnect the agent is owed new credentials until they are exported, checks and restarts included', async () => {
    const h = await connected();
    const before = await exported(h);

    const rebuilt = await h.run(() => h.services.connection.planAndRun('reconnect'));
    expect(rebuilt.status).toBe('connected');
    expect(rebuilt.handOver).toMatchObject({ reason: 'newApp', lastExportedAt: before.exportedAt });
    expect(rebuilt.details?.app.consumerKey).not.toBe(before.consumerKey);

    // A health check rewrites the record; the hand-over stays owed.
    await h.services.connection.check();
    expect(h.services.connection.state().handOver?.reason).toBe('newApp');
    expect(h.restart().connection.state().handOver?.reason).toBe('newApp');

    const after = await exported(h);
    expect(after.appId).not.toBe(before.appId);
    expect(after.consumerKey).toBe(h.services.connection.state().details?.app.consumerKey);
    expect(h.services.connection.state().handOver).toBeUndefined();
  });

  it('after Rotate key the same app is owed the new certificate, told by its fingerprint', async () => {
    const h = await connected();
    const before = await exported(h);

    const rotated = await h.run(() => h.services.connection.planAndRun('rotateKey'));
    expect(rotated.status).toBe('connected');
    expect(rotated.handOver?.reason).toBe('newCertificate');
    expect(rotated.details?.app.consumerKey).toBe(before.consumerKey);

    const after = await exported(h);
    expect(after.appId).toBe(before.appId);
    expect(after.certificateFingerprint).not.toBe(before.certificateFingerprint);
    expect(h.services.connection.state().handOver).toBeUndefined();
  });

  it('a connection never exported on this computer is owed an export after a rebuild all the same', async () => {
    const h = await connected();
    const rebuilt = await h.run(() => h.services.connection.planAndRun('recreate'));
    expect(rebuilt.handOver).toMatchObject({ reason: 'newApp' });
    expect(rebuilt.handOver?.lastExportedAt).toBeUndefined();
  });

  it('the fingerprint is the certificate on the app in the org', async () => {
    const h = await connected();
    const file = await exported(h);
    const global = h.emulator.state().externalClientApps[0]?.globalOauthSettings as { certificate?: string } | undefined;
    const certificate = new X509Certificate(String(global?.certificate));
    expect(file.certificateFingerprint).toBe(certificate.fingerprint256);
  });
});
