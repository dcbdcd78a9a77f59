import { afterEach, describe, expect, it } from 'vitest';
import { withAddedFields } from '../../../common';
import { AppFailure } from '../../../common/app-error-schema';
import { startHarness, type Harness } from '../../../test/support/connection/harness';

let harness: Harness | undefined;
afterEach(async () => {
  await harness?.emulator.stop();
  harness = undefined;
});

const fieldRows = (h: Harness) => h.emulator.state().fieldPermissions.map((f) => String(f.Field));

describe('the default profile in an org whose describes lack some of its fields (facts ACTIVITY-DESCRIBES, FIELD-PERMISSIONS-PICKLIST)', () => {
  it('Enable connects; the review, the pre-flight and the details say which fields the org lacks', async () => {
    harness = await startHarness({ activationDelayMs: 0 });
    const h = harness;
    const plan = await h.services.connection.plan('enable');
    expect(plan.notInOrg).toEqual(['Task.Type', 'Event.Type']);
    expect(plan.summary.join('\n')).toContain('Task.Type, Event.Type do not exist in this org');
    const preflight = await h.services.connection.preflight();
    expect(preflight.ok).toBe(true);
    expect(preflight.checks.find((c) => c.id === 'notInOrg')).toMatchObject({
      severity: 'warning',
      params: { missing: 'Task.Type, Event.Type' },
    });

    const enabled = await h.run(() => h.services.connection.enable({ planId: plan.id }));
    expect(enabled.error).toBeUndefined();
    expect(enabled.status).toBe('connected');
    expect(enabled.details?.notInOrg).toEqual(['Task.Type', 'Event.Type']);
    expect(fieldRows(h)).not.toContain('Event.Type');
    // Event.ActivityDate carries no FLS in a real org: readable with the record, no row sent.
    expect(fieldRows(h)).not.toContain('Event.ActivityDate');
    expect(enabled.details?.grants).toContainEqual(
      expect.objectContaining({ object: 'Event', field: 'ActivityDate', viaFieldPermission: false }),
    );
    expect((await h.services.connection.check()).status).toBe('connected');
  });

  it('refuses a field the admin adds that the org lacks, before saving it', async () => {
    harness = await startHarness({ activationDelayMs: 0 });
    const h = harness;
    const before = h.services.agent.accessProfile();
    const attempt = h.services.agent.updateAccessProfile(withAddedFields(before, 'Event', ['Agenda__c']));
    await expect(attempt).rejects.toBeInstanceOf(AppFailure);
    await expect(attempt).rejects.toMatchObject({ error: { code: 'ACCESS_PROFILE_REFUSED', params: { missing: 'Event.Agenda__c' } } });
    expect(h.services.agent.accessProfile()).toEqual(before);
    // What the default profile already listed (Event.Type, hidden from the admin) is not an addition: it never blocks.
    await h.services.agent.updateAccessProfile(withAddedFields(before, 'Event', ['Location']));
    expect(h.services.agent.accessProfile().objects.find((o) => o.object === 'Event')?.fields).toContain('Location');
  });
});
