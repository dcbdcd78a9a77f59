import { describe, expect, it } from 'vitest';
import { credentialsChange, fileAgainstRecord, handOverAfter } from './hand-over';
import type { Artifacts } from '../steps/results';

// Two real certificates are not needed: an unreadable PEM has no fingerprint, which is compared as unknown.
const artifacts = (consumerKey: string, certificatePem = 'not a certificate', extra: Artifacts = {}): Artifacts => ({
  app: { consumerKey, createdAt: `2026-12-0${consumerKey.length}T10:00:00.000Z` },
  keyPair: { certificatePem },
  ...extra,
});
const record = (a: Artifacts) => ({ artifacts: a, createdAt: '2026-12-01T09:00:00.000Z', lastVerifiedAt: null });

describe('handOverAfter: what the agent is owed after a change of the saved state', () => {
  it('a first connection owes nothing; a new consumer key afterwards owes an export', () => {
    const first = handOverAfter({ record: null }, { record: record(artifacts('KEY1')) });
    expect(first.handOver).toBeUndefined();
    const rebuilt = handOverAfter({ record: record(artifacts('KEY1')), ...first }, { record: record(artifacts('KEY22')) });
    expect(rebuilt.handOver).toEqual({ reason: 'newApp', since: '2026-12-05T10:00:00.000Z' });
  });

  it('a rebuild that removes the record first still owes an export once the new one is there', () => {
    const removed = handOverAfter({ record: record(artifacts('KEY1')) }, { record: null });
    expect(removed).toEqual({ handOver: undefined, lastCredentials: { consumerKey: 'KEY1', fingerprint: null } });
    const built = handOverAfter({ record: null, ...removed }, { record: record(artifacts('KEY22')), ...removed });
    expect(built.handOver?.reason).toBe('newApp');
  });

  it('stays owed through later writes and goes only with an export of the current credentials', () => {
    const owed = { reason: 'newApp' as const, since: '2026-12-05T10:00:00.000Z' };
    const current = record(artifacts('KEY22'));
    expect(handOverAfter({ record: current, handOver: owed }, { record: current }).handOver).toBe(owed);
    const staleExport = { consumerKey: 'KEY1', fingerprint: null, at: '2026-12-02T00:00:00.000Z' };
    expect(handOverAfter({ record: current, handOver: owed }, { record: current, credentialsExport: staleExport }).handOver).toBe(owed);
    const freshExport = { consumerKey: 'KEY22', fingerprint: null, at: '2026-12-06T00:00:00.000Z' };
    expect(
      handOverAfter({ record: current, handOver: owed }, { record: current, credentialsExport: freshExport }).handOver,
    ).toBeUndefined();
  });

  it('names the last export, and keeps what is owed while the connection is off', () => {
    const exported = { consumerKey: 'KEY1', fingerprint: null, at: '2026-12-02T00:00:00.000Z' };
    const after = handOverAfter(
      { record: null, credentialsExport: exported },
      { record: record(artifacts('KEY22')), credentialsExport: exported },
    );
    expect(after.handOver).toMatchObject({ reason: 'newApp', lastExportedAt: exported.at });
    expect(handOverAfter({ record: null, handOver: after.handOver }, { record: null }).handOver).toBe(after.handOver);
  });
});

describe('credentialsChange and fileAgainstRecord', () => {
  it('a new certificate on the same app, and an unknown fingerprint that decides nothing', () => {
    expect(credentialsChange({ consumerKey: 'K', fingerprint: 'AA' }, { consumerKey: 'K', fingerprint: 'BB' })).toBe('newCertificate');
    expect(credentialsChange({ consumerKey: 'K', fingerprint: null }, { consumerKey: 'K', fingerprint: 'BB' })).toBeNull();
    expect(credentialsChange({ consumerKey: 'K', fingerprint: 'AA' }, { consumerKey: 'L', fingerprint: 'AA' })).toBe('newApp');
  });

  it("a file's app id that is not the record's belongs to an earlier app", () => {
    const a = artifacts('KEY1', 'x', {});
    a.app = { ...a.app, id: '0xxNEW' };
    expect(fileAgainstRecord({ appId: '0xxOLD', consumerKey: 'KEY1' }, a)).toBe('newApp');
    expect(fileAgainstRecord({ appId: '0xxNEW', consumerKey: 'KEY1' }, a)).toBeNull();
    expect(fileAgainstRecord({ consumerKey: 'OLD' }, a)).toBe('newApp');
  });
});
