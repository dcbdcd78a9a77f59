import { afterEach, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const writes = (h: Harness) =>
  h.emulator.requests().filter((r) => r.method !== 'GET' && !r.path.endsWith('/composite') && !r.path.endsWith('/oauth2/token'));

it('the Enable review says what the agent will see per object before anything is created, and writes nothing', async () => {
  const h = (harness = await startHarness());
  h.emulator.clearRequests();
  const plan = await h.services.connection.plan('enable');
  expect(writes(h)).toEqual([]);
  const accounts = (await (await h.session()).connection.query('SELECT COUNT() FROM Account')).totalSize;
  expect(accounts).toBeGreaterThan(0);
  expect(plan.visibility?.find((v) => v.object === 'Account')).toMatchObject({ total: accounts, willSee: 0, reason: 'private' });
  expect(plan.summary).toContain(
    `The agent will see 0 of ${accounts} Account records: Account's org-wide default is Private and a new integration user owns none and has no role (a sharing rule can add some).`,
  );

  // Test connection then counts the same, as the agent.
  await h.run(() => h.services.connection.enable({ planId: plan.id }));
  const seen = await h.services.connection.visibility();
  expect(seen.objects.find((o) => o.object === 'Account')).toMatchObject({ agentCanSee: 0, adminCanSee: accounts });
}, 60_000);

it('a Reconnect review never promises to delete a permission set that is gone: it creates it', async () => {
  const h = (harness = await startHarness());
  expect((await h.run(() => h.services.connection.planAndRun('enable'))).status).toBe('connected');
  const { connection } = await h.session();
  const set = h.emulator.state().permissionSets.find((p) => p.Name === 'Sales_Agent_Permission_Set');
  for (const a of h.emulator.state().permissionSetAssignments.filter((x) => x.PermissionSetId === set?.Id))
    await connection.sobject('PermissionSetAssignment').destroy(String(a.Id));
  await connection.sobject('PermissionSet').destroy(String(set?.Id));

  const plan = await h.services.connection.plan('reconnect');
  expect(plan.artifacts.find((a) => a.part === 'permissionSet')).toMatchObject({ action: 'create' });
  expect(plan.summary.join('\n')).not.toMatch(/Delete and create again the permission set/);
  expect(plan.summary.join('\n')).toMatch(/Create the permission set/);
}, 60_000);
