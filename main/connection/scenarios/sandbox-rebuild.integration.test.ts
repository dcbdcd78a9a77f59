import { afterEach, describe, expect, it } from 'vitest';
import type { EmulatorSwitches } from '../../../packages/salesforce-emulator/index';
import { startHarness, type Harness } from '../../../test/support/connection/harness';
import { toAppError } from '../../../common';
import { requestAgentToken } from '../../agent/token';
import { createOrgClient } from '../../salesforce/client';
import { defaultRetryPolicy } from '../../salesforce/retry';
import { createSettingsRepository } from '../../store/settings-repository';
import { artifactNames } from '../org/names';
import { createConnectionRecordStore } from '../record/record-store';
import { ECA } from '../steps/external-client-app';
import { certificateVaultKey, privateKeyVaultKey } from '../steps/key-pair';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const SOURCE_ORG = '00D000000000SRCEAA';
const ORDER_OUT = [ECA.oauthPolicies, ECA.configurable, ECA.global, ECA.oauth, ECA.header] as const;

/**
 * A sandbox refreshed after the connection was made there: the org has a new id and holds nothing of
 * the agent (its local app is not copied, its user and set were the sandbox's own), while this
 * computer keeps the earlier org's record and key (fact SANDBOX-REFRESH).
 */
async function refreshed(switches: Partial<EmulatorSwitches>, user: 'inactive' | 'gone' = 'inactive') {
  harness = await startHarness({ activationDelayMs: 0, switches });
  const h = harness;
  const enabled = await h.run(() => h.services.connection.planAndRun('enable'));
  expect(enabled.status).toBe('connected');
  const orgId = h.emulator.orgId;
  const records = createConnectionRecordStore(h.stores);
  const record = records.get(orgId).record;
  records.update(orgId, { record: null, status: 'off' });
  records.update(SOURCE_ORG, { record, status: 'connected' });
  const app = artifactNames(createSettingsRepository(h.stores).get().agentName).appApiName;
  for (const slot of [privateKeyVaultKey, certificateVaultKey]) {
    await h.vault.set(slot(SOURCE_ORG, app), (await h.vault.get(slot(orgId, app))) ?? '');
    await h.vault.delete(slot(orgId, app));
  }
  const { connection } = await h.session();
  const client = createOrgClient(connection, defaultRetryPolicy);
  const listed = [...(await client.metadata.list(ORDER_OUT.slice(0, 3))), ...(await client.metadata.list(ORDER_OUT.slice(3)))];
  for (const type of ORDER_OUT) {
    const names = listed.filter((c) => c.type === type && c.fullName.startsWith(app)).map((c) => c.fullName);
    if (names.length > 0) await client.metadata.delete(type, names);
  }
  const ids = record?.artifacts;
  await client.destroy('PermissionSetAssignment', ids?.assignment?.id ?? '');
  await client.destroy('PermissionSet', ids?.permissionSet?.id ?? '');
  // Users are never deleted: ours stays inactive, or becomes someone else's (its username still held).
  const userId = ids?.integrationUser?.id ?? '';
  await client.update(
    'User',
    userId,
    user === 'inactive' ? { IsActive: false } : { IsActive: false, FirstName: 'Former', Username: 'former.user@example.com' },
  );
  createSettingsRepository(h.stores).saveProfile({
    id: 'emulator',
    name: 'Emulator',
    environment: 'myDomain',
    myDomainUrl: h.emulator.instanceUrl,
    allowAnyHost: true,
    orgId: SOURCE_ORG,
  });
  expect(h.emulator.state().externalClientApps).toHaveLength(0);
  await h.services.connection.check();
  return { h, before: enabled };
}

const certificateIn = (h: Harness, orgId: string) =>
  h.vault.get(certificateVaultKey(orgId, artifactNames(createSettingsRepository(h.stores).get().agentName).appApiName));

describe('Rebuild here, in a refreshed sandbox without the agent’s app', () => {
  it('recreates the app with the same certificate and consumer key where the org lets a client choose it: the exported credentials keep working', async () => {
    const { h, before } = await refreshed({ clientConsumerKey: 'accepted' });
    const { connection } = h.services;
    expect(connection.state().orgChange?.rebuild).toEqual({
      consumerKey: before.details?.app.consumerKey,
      username: before.details?.user.username,
    });
    const plan = await connection.rebuildPlan();
    expect(plan.summary.join('\n')).toMatch(/certificate it had in org 00D000000000SRCEAA/);
    expect(plan.summary.join('\n')).toMatch(/Where it does not, Salesforce makes a new key and the agent needs a new export/);
    expect(h.emulator.state().externalClientApps).toHaveLength(0);

    const after = await h.run(() => connection.rebuildHere({ planId: plan.id }));

    expect(after.status).toBe('connected');
    expect(after.orgChange).toBeUndefined();
    expect(after.details?.app.consumerKey).toBe(before.details?.app.consumerKey);
    expect(after.details?.user.username).toBe(before.details?.user.username);
    expect(await certificateIn(h, h.emulator.orgId)).toBe(await certificateIn(h, SOURCE_ORG));
    expect((await connection.check()).agentTokenOk).toBe(true);
    // What the export handed the agent before the refresh still signs it in.
    const record = createConnectionRecordStore(h.stores).get(SOURCE_ORG).record;
    const exported = {
      instanceUrl: h.emulator.instanceUrl,
      audience: record?.org.audience ?? '',
      consumerKey: before.details?.app.consumerKey ?? '',
      username: before.details?.user.username ?? '',
      privateKeyPem: (await h.vault.get(privateKeyVaultKey(SOURCE_ORG, record?.artifacts.app?.name ?? ''))) ?? '',
    };
    expect(await requestAgentToken({ ...exported, now: new Date() })).toMatchObject({ ok: true });
    expect(
      h.audit
        .list({ operation: 'connection.rebuild' })
        .map((e) => e.summary)
        .join(),
    ).toMatch(/exported credentials keep working/);
  });

  it('where the earlier username is still held, the same certificate and key come back and the review’s new export is needed', async () => {
    const { h, before } = await refreshed({ clientConsumerKey: 'accepted' }, 'gone');
    const { connection } = h.services;
    const plan = await connection.rebuildPlan();
    expect(plan.summary.join('\n')).toMatch(
      /where Salesforce still holds it for the earlier org, another one, and the agent needs a new export/,
    );

    const after = await h.run(() => connection.rebuildHere({ planId: plan.id }));

    expect(after.status).toBe('connected');
    expect(after.details?.app.consumerKey).toBe(before.details?.app.consumerKey);
    expect(after.details?.user.username).not.toBe(before.details?.user.username);
    expect(
      h.audit
        .list({ operation: 'connection.rebuild' })
        .map((e) => e.summary)
        .join(),
    ).toMatch(/the integration user has a new username, so the agent needs a new export/);
  });

  it('where the org makes its own consumer key, the rebuild connects and says a new export is needed', async () => {
    const { h, before } = await refreshed({ clientConsumerKey: 'refused' });
    const { connection } = h.services;
    const plan = await connection.rebuildPlan();

    const after = await h.run(() => connection.rebuildHere({ planId: plan.id }));

    expect(after.status).toBe('connected');
    expect(after.details?.app.consumerKey).not.toBe(before.details?.app.consumerKey);
    expect(await certificateIn(h, h.emulator.orgId)).toBe(await certificateIn(h, SOURCE_ORG));
    expect(
      h.audit
        .list({ operation: 'connection.rebuild' })
        .map((e) => e.summary)
        .join(),
    ).toMatch(/needs a new export/);
  });

  it('refuses without a reviewed plan, and where there is nothing to rebuild', async () => {
    const { h } = await refreshed({});
    const unreviewed = await h.services.connection.rebuildHere({ planId: 'no-such-plan' }).catch((e: unknown) => toAppError(e));
    expect(unreviewed).toMatchObject({ code: 'PLAN_REQUIRED' });
    expect(h.emulator.state().externalClientApps).toHaveLength(0);
    // Accepted as a new org instead: nothing of the earlier org is rebuilt.
    await h.services.connection.acceptOrgChange();
    const nothing = await h.services.connection.rebuildPlan().catch((e: unknown) => toAppError(e));
    expect(nothing).toMatchObject({ code: 'NOTHING_TO_REBUILD' });
  });
});
