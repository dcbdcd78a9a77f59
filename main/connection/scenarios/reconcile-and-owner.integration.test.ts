import { afterEach, describe, expect, it } from 'vitest';
import type { AccessProfile } from '../../../common';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { emulatorAdminAuth } from '../../../test/support/connection/emulator-session';
import { createLogger } from '../../log';
import { createAuditLog } from '../../store/audit-log';
import { createMemoryStoreFactory } from '../../store/document-store';
import { createSettingsRepository } from '../../store/settings-repository';
import { createMemoryVault } from '../../store/vault';
import { createConnectionServices } from '../index';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

async function connected(): Promise<Harness> {
  harness = await startHarness({ activationDelayMs: 0 });
  const state = await harness.run(() => harness!.services.connection.planAndRun('enable'));
  expect(state.status).toBe('connected');
  return harness;
}

const permissionSetId = (h: Harness): string => h.services.connection.state().details?.permissionSet.id ?? '';

/** The permission set's rows as the org holds them, in the shape of the desired grants. */
function orgGrants(h: Harness) {
  const ps = permissionSetId(h);
  const state = h.emulator.state();
  return {
    objects: state.objectPermissions
      .filter((o) => o.ParentId === ps)
      .map((o) => ({
        object: String(o.SobjectType),
        edit: o.PermissionsEdit === true,
        viewAllRecords: o.PermissionsViewAllRecords === true,
      }))
      .sort((a, b) => a.object.localeCompare(b.object)),
    fields: state.fieldPermissions
      .filter((f) => f.ParentId === ps)
      .map((f) => `${String(f.Field)}:${f.PermissionsEdit === true ? 'edit' : 'read'}`)
      .sort(),
  };
}

function desiredGrants(h: Harness) {
  const grants = h.services.connection.state().details?.grants ?? [];
  return {
    objects: grants
      .filter((g) => g.field === null && g.throughParentRecords !== true)
      .map((g) => ({ object: g.object, edit: g.edit, viewAllRecords: g.viewAllRecords }))
      .sort((a, b) => a.object.localeCompare(b.object)),
    fields: grants
      .filter((g) => g.field !== null && g.viaFieldPermission)
      .map((g) => `${g.object}.${g.field ?? ''}:${g.edit ? 'edit' : 'read'}`)
      .sort(),
  };
}

const withObject = (
  profile: AccessProfile,
  object: string,
  change: (o: AccessProfile['objects'][number]) => AccessProfile['objects'][number],
): AccessProfile => ({
  ...profile,
  objects: profile.objects.map((o) => (o.object === object ? change(o) : o)),
});

async function addFieldByHand(h: Harness, field: string): Promise<void> {
  const conn = (await h.session()).connection;
  await conn.request({
    method: 'POST',
    url: '/services/data/v66.0/sobjects/FieldPermissions',
    body: JSON.stringify({
      ParentId: permissionSetId(h),
      SobjectType: field.split('.')[0],
      Field: field,
      PermissionsRead: true,
      PermissionsEdit: false,
    }),
    headers: { 'content-type': 'application/json' },
  });
}

describe('Update access reconciles both ways', () => {
  it('narrowing the access (a field and View All removed) leaves exactly the desired grants in the org', async () => {
    const h = await connected();
    const start = h.services.agent.accessProfile();
    await h.services.agent.updateAccessProfile(withObject(start, 'Account', (o) => ({ ...o, viewAllRecords: true })));
    const widening = await h.services.connection.check();
    expect(widening.drift.escalations).toEqual([{ name: 'Account', permission: 'viewAllRecords' }]);
    expect(h.services.connection.state().error?.message).toMatch(/Account: View All Records/);
    await h.run(() => h.services.connection.planAndRun('updateAccess'));
    expect(orgGrants(h)).toEqual(desiredGrants(h));

    const narrowed = withObject(h.services.agent.accessProfile(), 'Account', (o) => ({ ...o, viewAllRecords: false }));
    await h.services.agent.updateAccessProfile(
      withObject(narrowed, 'Contact', (o) => ({ ...o, fields: o.fields.filter((f) => f !== 'Title') })),
    );
    const report = await h.services.connection.check();
    expect(report.status).toBe('drift');
    expect(report.drift.narrowed).toEqual(
      expect.arrayContaining([
        { name: 'Account', permission: 'viewAllRecords' },
        { name: 'Contact.Title', permission: 'read' },
      ]),
    );
    expect(report.drift.handAdded).toEqual([]);
    expect(h.services.connection.state().error?.message).toMatch(/Granted earlier by Agent Connections/);
    expect(h.services.connection.state().error?.message).not.toMatch(/by hand/);

    await h.run(() => h.services.connection.planAndRun('updateAccess'));
    expect(orgGrants(h)).toEqual(desiredGrants(h));
    expect(orgGrants(h).fields).not.toContain('Contact.Title:read');
    expect((await h.services.connection.check()).status).toBe('connected');
    const audit = h.audit.list({ operation: 'connection.updateAccess' })[0];
    expect(audit?.summary).toMatch(/Removed: .*Account: View All Records/);
    expect(audit?.summary).toMatch(/Contact\.Title/);
  });

  it('a field added by hand is reported as such, kept by Update access, and removed only when confirmed', async () => {
    const h = await connected();
    await addFieldByHand(h, 'Contact.Department');
    const report = await h.services.connection.check();
    expect(report.status).toBe('drift');
    expect(report.drift.handAdded).toEqual([{ name: 'Contact.Department', permission: 'read' }]);
    expect(h.services.connection.state().error?.message).toMatch(
      /Added by hand in Salesforce, not by Agent Connections: Contact\.Department/,
    );

    await h.run(() => h.services.connection.planAndRun('updateAccess'));
    expect(orgGrants(h).fields).toContain('Contact.Department:read');

    const { id: planId } = await h.services.connection.plan('updateAccess');
    await h.run(() => h.services.connection.updateAccess({ planId, removeHandAdded: true }));
    expect(orgGrants(h)).toEqual(desiredGrants(h));
    expect((await h.services.connection.check()).status).toBe('connected');
  });
});

/** A second app instance with its own data directory, signed in to the same org. */
async function secondInstall(h: Harness) {
  const stores = createMemoryStoreFactory();
  const settings = createSettingsRepository(stores);
  return createConnectionServices({
    settings,
    stores,
    vault: createMemoryVault(),
    auth: await emulatorAdminAuth(h.emulator),
    events: { emit: () => undefined },
    audit: createAuditLog(stores),
    log: createLogger(() => undefined),
    sleep: (ms) => {
      h.emulator.advanceClock(ms);
      return Promise.resolve();
    },
  });
}

describe('one owner per connection', () => {
  it('a second install refuses without a take-over, takes over when asked, and the first is then told, not broken', async () => {
    const h = await connected();
    const ps = h.emulator.state().permissionSets.find((p) => p.Id === permissionSetId(h));
    expect(ps?.Description).toMatch(/Agent Connections · connection [0-9a-f-]+ · install [0-9a-f-]+/);

    const second = await secondInstall(h);
    const { id: planId } = await second.connection.plan('enable');
    await second.connection.enable({ planId });
    const refused = await second.connection.settled();
    expect(refused.error?.code).toBe('CONNECTION_OWNED_ELSEWHERE');
    expect(refused.error?.action).toBe('takeOver');
    expect(refused.error?.message).toMatch(/credentials the other install handed out stop working/);
    expect((await h.services.connection.check()).status).toBe('connected');

    const { id: takeOverPlan } = await second.connection.plan('enable');
    await second.connection.enable({ planId: takeOverPlan, takeOver: true });
    expect((await second.connection.settled()).status).toBe('connected');
    const takenOver = second.connection.state().details?.app.consumerKey;

    const first = await h.services.connection.check();
    expect(first.status).toBe('error');
    expect(h.services.connection.state().error?.code).toBe('CONNECTION_OWNED_ELSEWHERE');
    expect(h.services.connection.state().error?.action).toBe('takeOver');

    const { id: reconnectPlan } = await h.services.connection.plan('reconnect');
    await h.services.connection.reconnect({ planId: reconnectPlan });
    expect((await h.services.connection.settled()).error?.code).toBe('CONNECTION_OWNED_ELSEWHERE');
    expect((await second.connection.check()).status).toBe('connected');
    expect(second.connection.state().details?.app.consumerKey).toBe(takenOver);
  });
});
