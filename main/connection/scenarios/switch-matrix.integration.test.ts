import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SWITCHES, type EmulatorSwitches, switchCatalog, switchNames } from '../../../packages/salesforce-emulator/index';
import { ourLeftovers } from '../../../test/support/connection/org-state';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { withAddedFields } from '../../../common';

/**
 * Where Salesforce's behaviour is uncertain the emulator has a switch (docs/salesforce.md).
 * The app must go through its whole lifecycle whichever way each one falls: every value that differs
 * from the default gets its own run here; the defaults run in every other suite.
 */
const cases = switchNames.flatMap((name) =>
  (switchCatalog[name].testValues as readonly unknown[])
    .filter((value) => value !== DEFAULT_SWITCHES[name])
    .map((value) => ({ name, value })),
);

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

/** Under API Access Control an admin gets through only holding "Use Any API Client" (fact API-ACCESS-CONTROL). */
const adminUsesAnyApiClient = (switches: Partial<EmulatorSwitches>): boolean => switches.apiAccessControl === true;

async function lifecycle(switches: Partial<EmulatorSwitches>): Promise<void> {
  harness = await startHarness({ activationDelayMs: 30_000, switches, adminUsesAnyApiClient: adminUsesAnyApiClient(switches) });
  const h = harness;
  const { connection, agent } = h.services;

  const enabled = await h.run(() => connection.planAndRun('enable'));
  expect(enabled.error).toBeUndefined();
  expect(enabled.status).toBe('connected');

  const health = await connection.check();
  expect(health.status).toBe('connected');
  expect(health.agentTokenOk).toBe(true);

  await agent.updateAccessProfile(withAddedFields(agent.accessProfile(), 'Contact', ['Preferred_Channel__c']));
  const updated = await h.run(() => connection.planAndRun('updateAccess'));
  expect(updated.error).toBeUndefined();
  expect(updated.status).toBe('connected');
  expect(h.emulator.state().fieldPermissions.some((f) => f.Field === 'Contact.Preferred_Channel__c' && f.PermissionsRead === true)).toBe(
    true,
  );

  const rebuilt = await h.run(() => connection.planAndRun('reconnect'));
  expect(rebuilt.error).toBeUndefined();
  expect(rebuilt.status).toBe('connected');
  expect((await connection.check()).agentTokenOk).toBe(true);

  const off = await h.run(() => connection.planAndRun('disable'));
  expect(off.error).toBeUndefined();
  expect(off.status).toBe('off');
  expect(ourLeftovers(h.emulator.state())).toEqual([]);
}

describe('the lifecycle under every emulator switch', () => {
  it('runs with every switch at its default (the strictest believable Salesforce)', async () => {
    await lifecycle({});
  });

  it.each(cases)('enable, health, update access, reconnect and disable with $name = $value', async ({ name, value }) => {
    await lifecycle({ [name]: value });
  });
});
