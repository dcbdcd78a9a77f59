import { afterEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../common';
import { AppFailure } from '../../../common/app-error-schema';
import { createLogger } from '../../log';
import { createSettingsRepository } from '../../store/settings-repository';
import { createConnectionServices } from '..';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { emulatorAdminAuth } from '../../../test/support/connection/emulator-session';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const PASSPHRASE = 'correct horse battery staple';

/** The same app over the same stores, signed in (and just confirmed) as another user of the org. */
async function signedInAs(h: Harness, user: { username: string; password: string; userId: string }) {
  return createConnectionServices({
    settings: createSettingsRepository(h.stores),
    stores: h.stores,
    vault: h.vault,
    auth: await emulatorAdminAuth(h.emulator, {}, user),
    events: { emit: () => undefined },
    audit: h.audit,
    log: createLogger(() => undefined),
  }).connection;
}

const refusal = (promise: Promise<unknown>): Promise<AppError | string> =>
  promise.then(
    () => 'allowed',
    (thrown: unknown) => (thrown instanceof AppFailure ? thrown.error : String(thrown)),
  );

async function addSecondAdmin(h: Harness): Promise<{ username: string; password: string; userId: string }> {
  const user = { username: `second.admin.${Date.now()}@contoso-demo.example`, password: 'Second-Admin-2026!' };
  const response = await fetch(`${h.emulator.loginUrl}/__emulator/cloned-admins`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(user),
  });
  const { userId } = (await response.json()) as { userId: string };
  return { ...user, userId };
}

describe("the agent's key goes only to the connection's admin", () => {
  it('a Standard User who signs in is refused export, rotate and take-over, each refusal on the record under their name', async () => {
    harness = await startHarness();
    const h = harness;
    expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');
    const certificate = () => JSON.stringify(h.emulator.state().externalClientApps);
    const before = certificate();
    const standard = h.emulator.users.nonAdmin;
    const connection = await signedInAs(h, standard);

    const exported = await refusal(connection.exportCredentials(PASSPHRASE));
    expect(exported).toMatchObject({ code: 'NOT_CONNECTION_ADMIN', message: expect.stringContaining('Modify Metadata') as string });
    const plan = await connection.plan('rotateKey');
    expect(await refusal(connection.rotateKey({ planId: plan.id }))).toMatchObject({ code: 'NOT_CONNECTION_ADMIN' });
    const reconnect = await connection.plan('reconnect');
    expect(await refusal(connection.reconnect({ planId: reconnect.id, takeOver: true }))).toMatchObject({ code: 'NOT_CONNECTION_ADMIN' });
    // A hand-over does not lift the rights: only an admin may take the connection over.
    expect(await refusal(connection.exportCredentials(PASSPHRASE, { handOver: true }))).toMatchObject({ code: 'NOT_CONNECTION_ADMIN' });

    expect(certificate()).toBe(before);
    const refused = h.audit.list({}).filter((e) => e.actor === standard.username);
    expect(refused.map((e) => [e.operation, e.result])).toEqual(
      expect.arrayContaining([
        ['connection.exportCredentials', 'failure'],
        ['connection.rotateKey', 'failure'],
        ['connection.takeOver', 'failure'],
      ]),
    );
    expect(refused.every((e) => e.result === 'failure')).toBe(true);
  });

  it('another admin is refused until they confirm a hand-over, which is on the record', async () => {
    harness = await startHarness();
    const h = harness;
    expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');
    const owner = (await h.session()).identity.username;
    const second = await addSecondAdmin(h);
    const connection = await signedInAs(h, second);

    expect(await refusal(connection.exportCredentials(PASSPHRASE))).toMatchObject({
      code: 'NOT_CONNECTION_OWNER',
      action: 'handOver',
      params: { owner },
    });
    const plan = await connection.plan('rotateKey');
    expect(await refusal(connection.rotateKey({ planId: plan.id }))).toMatchObject({ code: 'NOT_CONNECTION_OWNER' });

    const file = await connection.exportCredentials(PASSPHRASE, { handOver: true });
    expect(file.content).toMatch(/BEGIN ENCRYPTED PRIVATE KEY/);
    expect(connection.state().details?.createdBy).toBe(second.username);
    expect(h.audit.list({}).map((e) => [e.operation, e.result, e.actor])).toEqual(
      expect.arrayContaining([
        ['connection.exportCredentials', 'failure', second.username],
        ['connection.handOver', 'success', second.username],
        ['connection.exportCredentials', 'success', second.username],
      ]),
    );
    // The admin who turned it on is no longer the connection's admin: now they need the hand-over.
    expect(await refusal(h.services.connection.exportCredentials(PASSPHRASE))).toMatchObject({ code: 'NOT_CONNECTION_OWNER' });
  });
});
