import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

/** What an admin (or another tool) does in Setup, through the REST API as the signed-in admin. */
async function inSetup(h: Harness, method: 'PATCH' | 'DELETE', path: string, body?: Record<string, unknown>): Promise<void> {
  const conn = (await h.session()).connection;
  await conn.request({
    method,
    url: `/services/data/v66.0/sobjects/${path}`,
    ...(body && { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } }),
  });
}

describe('the connection details after a check say what the org holds now', () => {
  it('a grant deleted in the org leaves the Granted list, a deactivated user reads Inactive, and last checked is never before last verified', async () => {
    harness = await startHarness();
    const h = harness;
    const on = await h.run(() => h.services.connection.planAndRun('enable'));
    expect(on.status).toBe('connected');
    expect(on.details?.lastCheckedAt).toBe(on.details?.lastVerifiedAt ?? undefined);
    const removed = h.emulator
      .state()
      .fieldPermissions.find((f) => f.Field === 'Contact.Email' && f.ParentId === on.details?.permissionSet.id);
    expect(removed).toBeDefined();
    expect(on.details?.grants.some((g) => g.object === 'Contact' && g.field === 'Email')).toBe(true);

    await inSetup(h, 'DELETE', `FieldPermissions/${removed?.Id ?? ''}`);
    await inSetup(h, 'PATCH', `User/${on.details?.user.id ?? ''}`, { IsActive: false });
    await h.services.connection.check();

    const details = h.services.connection.state().details;
    expect(details?.grants.some((g) => g.object === 'Contact' && g.field === 'Email')).toBe(false);
    expect(details?.grants.some((g) => g.object === 'Contact' && g.field === null)).toBe(true);
    expect(details?.user.active).toBe(false);
  });
});
