import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const secretShapes = [/PRIVATE KEY/, /00D[A-Za-z0-9]{12,15}![A-Za-z0-9._-]{20,}/, /access_token/i];

describe('the seed journey through the services', () => {
  it('enables, verifies as the agent, exports without secrets and disables cleanly', async () => {
    harness = await startHarness({ activationDelayMs: 90_000 });
    const { services, emulator } = harness;
    emulator.clearRequests();

    const connected = await harness.run(() => services.connection.planAndRun('enable'));
    expect(connected.error).toBeUndefined();
    expect(connected.status).toBe('connected');
    const details = connected.details;
    expect(details?.app.label).toBe('Sales Agent external client app');
    expect(details?.user.name).toBe('Sales Agent integration user');
    expect(details?.permissionSet.label).toBe('Sales Agent permission set');
    expect(details?.app.consumerKey).not.toBe('');
    expect(details?.lastVerifiedAt).not.toBeNull();
    expect(details?.grants.find((g) => g.object === 'Contact' && g.field === 'Email')?.viaFieldPermission).toBe(true);

    // The activation waited with a countdown; the agent signed in with its own JWT.
    const activation = harness.progress.map((p) => p.activation).filter(Boolean);
    expect(activation.some((a) => a?.nextAttemptAt)).toBe(true);
    const agentTokenCalls = emulator.requests().filter((r) => r.path.endsWith('/services/oauth2/token') && r.status === 200);
    expect(agentTokenCalls.length).toBeGreaterThan(0);

    const state = emulator.state();
    const app = state.externalClientApps.find((a) => a?.fullName === details?.app.apiName);
    expect(app).toBeDefined();
    const user = state.users.find((u) => u.Id === details?.user.id);
    expect(user?.IsActive).toBe(true);
    expect(user?.ProfileName).toBe('Minimum Access - API Only Integrations');
    // Least privilege: object Read only, no View All, no Edit.
    const objects = state.objectPermissions.filter((o) => o.ParentId === details?.permissionSet.id);
    // Tasks and events take no object permission in Salesforce (fact ACTIVITY-OBJECT-PERMISSIONS).
    expect(objects.map((o) => o.SobjectType).sort()).toEqual(['Account', 'Contact', 'Lead', 'Opportunity', 'Product2']);
    expect(objects.every((o) => o.PermissionsRead === true && o.PermissionsEdit === false && o.PermissionsViewAllRecords === false)).toBe(
      true,
    );

    for (const format of ['json', 'csv', 'md'] as const) {
      const file = await services.connection.exportDetails(format);
      expect(file.content).toContain(details?.permissionSet.apiName ?? '?');
      for (const shape of secretShapes) expect(file.content).not.toMatch(shape);
    }
    const csv = (await services.connection.exportDetails('csv')).content.trim().split('\r\n');
    expect(csv.length - 1).toBe(details?.grants.length);

    const off = await harness.run(() => services.connection.planAndRun('disable'));
    expect(off.status).toBe('off');
    const after = emulator.state();
    expect(after.externalClientApps).toHaveLength(0);
    expect(after.permissionSetAssignments).toHaveLength(0);
    expect(after.permissionSets.find((p) => p.Name === details?.permissionSet.apiName)).toBeUndefined();
    expect(after.users.find((u) => u.Id === details?.user.id)?.IsActive).toBe(false);
    expect(harness.audit.list({}).map((e) => e.operation)).toEqual(
      expect.arrayContaining(['connection.enable', 'connection.disable.teardown']),
    );
  });
});
