import { afterEach, describe, expect, it } from 'vitest';
import { AppFailure, fail } from '../../../common/app-error-schema';
import { createLogger } from '../../log';
import { createSettingsRepository } from '../../store/settings-repository';
import { createConnectionServices } from '..';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const PASSPHRASE = 'correct horse battery staple';

/** The same app over the same stores, with an admin who is signed in but has not confirmed it is them lately. */
async function unconfirmed(h: Harness) {
  const admin = await h.session();
  return createConnectionServices({
    settings: createSettingsRepository(h.stores),
    stores: h.stores,
    vault: h.vault,
    auth: {
      session: h.session,
      status: () => ({
        state: 'signedIn',
        profileId: admin.profile.id,
        identity: admin.identity,
        permissions: { ok: true, missing: [] },
        sessionStorage: 'memory',
      }),
      confirmedSession: () => fail('CONFIRMATION_REQUIRED', 'Confirm it is you: sign in to Salesforce again.', { action: 'signIn' }),
      onSignedIn: () => () => undefined,
    },
    events: { emit: () => undefined },
    audit: h.audit,
    log: createLogger(() => undefined),
  }).connection;
}

describe("exporting the agent's credentials", () => {
  it('is refused in main without a confirmed admin, and every export is on the record under the Salesforce username', async () => {
    harness = await startHarness();
    const h = harness;
    expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');
    const username = (await h.session()).identity.username;

    const refused = await (await unconfirmed(h)).exportCredentials(PASSPHRASE).then(
      () => undefined,
      (thrown: unknown) => (thrown instanceof AppFailure ? thrown.error : thrown),
    );
    expect(refused).toMatchObject({ code: 'CONFIRMATION_REQUIRED', action: 'signIn' });

    const file = await h.services.connection.exportCredentials(PASSPHRASE);
    expect(file.content).toMatch(/BEGIN ENCRYPTED PRIVATE KEY/);
    await h.services.connection.exportDetails('md');

    const entries = h.audit.list({}).filter((e) => e.operation.startsWith('connection.export'));
    expect(entries.map((e) => [e.operation, e.result, e.actor])).toEqual(
      expect.arrayContaining([
        ['connection.exportCredentials', 'failure', username],
        ['connection.exportCredentials', 'success', username],
        ['connection.export', 'success', username],
      ]),
    );
    expect(entries.every((e) => e.actor === username)).toBe(true);
    expect(JSON.stringify(h.audit.list({}))).not.toContain(PASSPHRASE);
  });
});
