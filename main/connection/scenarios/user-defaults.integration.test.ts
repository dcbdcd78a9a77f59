import { afterEach, describe, expect, it } from 'vitest';
import { enableInputSchema } from '../../../common';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

async function integrationUser(h: Harness): Promise<Record<string, unknown>> {
  const conn = (await h.session()).connection;
  const username = h.emulator.state().users.find((u) => u.Username.includes('@') && u.ProfileName.includes('Integrations'))?.Username ?? '';
  const result = await conn.query<Record<string, unknown>>(
    `SELECT Id, TimeZoneSidKey, LocaleSidKey, LanguageLocaleKey, EmailEncodingKey FROM User WHERE Username = '${username}'`,
  );
  return result.records[0] ?? {};
}

describe("the integration user's time zone, locale, language and email encoding", () => {
  it("come from the org's defaults and the admin's email encoding, shown before Enable", async () => {
    harness = await startHarness();
    const orgDefaults = { timeZone: 'America/Los_Angeles', locale: 'en_US', language: 'en_US', emailEncoding: 'UTF-8' };
    expect((await harness.services.connection.preflight()).userDefaults).toEqual(orgDefaults);
    const plan = await harness.services.connection.plan('enable');
    expect(plan.userDefaults).toEqual(orgDefaults);
    expect(plan.summary).toContain('Integration user: time zone America/Los_Angeles, locale en_US, language en_US, email encoding UTF-8');
    const state = await harness.run(() => harness!.services.connection.planAndRun('enable'));
    expect(state.status).toBe('connected');
    expect(await integrationUser(harness)).toMatchObject({
      TimeZoneSidKey: 'America/Los_Angeles',
      LocaleSidKey: 'en_US',
      LanguageLocaleKey: 'en_US',
      EmailEncodingKey: 'UTF-8',
    });
  });

  it("take the admin's changes from the review", async () => {
    harness = await startHarness();
    const state = await harness.run(() =>
      harness!.services.connection.planAndRun('enable', {
        userDefaults: { timeZone: 'Europe/Stockholm', locale: 'sv_SE', language: 'sv' },
      }),
    );
    expect(state.status).toBe('connected');
    expect(await integrationUser(harness)).toMatchObject({
      TimeZoneSidKey: 'Europe/Stockholm',
      LocaleSidKey: 'sv_SE',
      LanguageLocaleKey: 'sv',
      EmailEncodingKey: 'UTF-8',
    });
  });

  it('a value the org does not offer is named, and nothing is left behind', async () => {
    harness = await startHarness();
    const state = await harness.run(() =>
      harness!.services.connection.planAndRun('enable', { userDefaults: { timeZone: 'Europe/Atlantis' } }),
    );
    expect(state.status).toBe('error');
    expect(state.error?.code).toBe('USER_DEFAULT_REFUSED');
    expect(state.error?.message).toContain('time zone "Europe/Atlantis"');
    expect(harness.emulator.state().externalClientApps).toHaveLength(0);
    expect(harness.emulator.state().permissionSets.filter((p) => p.Name.startsWith('Sales_Agent'))).toHaveLength(0);
  });

  it('a value that cannot be a Salesforce key is refused at the edge', () => {
    expect(enableInputSchema.safeParse({ userDefaults: { timeZone: 'not a zone; DROP' } }).success).toBe(false);
    expect(enableInputSchema.safeParse({ userDefaults: { locale: 'sv_SE', emailEncoding: 'ISO-8859-1' } }).success).toBe(true);
  });
});
