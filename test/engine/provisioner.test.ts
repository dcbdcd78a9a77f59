import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/app-error-schema';
import { provision, rollBack } from '../../main/connection/run/provisioner';
import { removeArtifacts } from '../../main/connection/run/removal';
import { runCancelled } from '../../main/connection/org/messages';
import { createFakeOrg, type FakeOrg } from '../fakes/fake-org-client';
import { endlessActivation, fakeEngine, fakeSteps, neverEnding, rollbackOf } from '../fakes/engine';

const types = ['PermissionSet', 'User', 'PermissionSetLicenseAssign', 'PermissionSetAssignment', 'ExternalClientApplication'];
const left = (org: FakeOrg) => [...org.records.entries()].flatMap(([type, rows]) => [...rows.keys()].map((id) => `${type} ${id}`));
const count = (org: FakeOrg) => left(org).length;

describe('the provisioner over a fake org', () => {
  it('builds every step once, and a second run adopts what is there instead of creating it again', async () => {
    const org = createFakeOrg();
    const { ctx, journal, tracker } = fakeEngine(org);
    await provision(ctx, fakeSteps, journal, tracker);
    expect(count(org)).toBe(5);
    const again = fakeEngine(org);
    await provision(again.ctx, fakeSteps, again.journal, again.tracker);
    expect(count(org)).toBe(5);
  });

  describe.each(types.map((type, index) => ({ type, index })))('when creating the $type fails', ({ type, index }) => {
    it('for good: the run fails and roll-back leaves the org as it was', async () => {
      const org = createFakeOrg();
      org.failOn('create', type, 'refused');
      const { ctx, journal, tracker } = fakeEngine(org);
      await expect(provision(ctx, fakeSteps, journal, tracker)).rejects.toBeInstanceOf(AppFailure);
      expect(count(org)).toBe(index);
      expect(await rollBack(ctx, fakeSteps, journal, tracker)).toEqual([]);
      expect(left(org)).toEqual([]);
      expect(journal.current()?.steps.every((s) => s.status === 'undone')).toBe(true);
    });

    it('once, transiently: the step is tried again and nothing is created twice', async () => {
      const org = createFakeOrg();
      org.failOn('create', type, 'transient');
      const { ctx, journal, tracker } = fakeEngine(org);
      await provision(ctx, fakeSteps, journal, tracker);
      expect(count(org)).toBe(5);
      expect(org.calls.filter((c) => c === `create ${type}`)).toHaveLength(2);
    });

    it('while rolling back: exactly that artifact is named as left over, and the journal stays open', async () => {
      const org = createFakeOrg();
      const { ctx, journal, tracker } = fakeEngine(org);
      await provision(ctx, fakeSteps, journal, tracker);
      for (let nth = 1; nth <= 3; nth++) org.failOn('destroy', type, 'transient', nth);
      const leftovers = await rollBack(ctx, fakeSteps, journal, tracker);
      expect(leftovers).toHaveLength(1);
      expect(leftovers[0]).toContain(`the ${type}`);
      expect(left(org)).toEqual([expect.stringContaining(type)]);
      expect(
        journal
          .current()
          ?.steps.filter((s) => s.status !== 'undone')
          .map((s) => s.id),
      ).toEqual([fakeSteps[index]?.id]);
    });

    it('while removing the connection: that removal is the only leftover, the others go', async () => {
      const org = createFakeOrg();
      const { ctx, journal, tracker } = fakeEngine(org);
      await provision(ctx, fakeSteps, journal, tracker);
      org.failOn('destroy', type, 'refused');
      const removal = fakeEngine(org);
      const leftovers = await removeArtifacts(removal.ctx, [...fakeSteps].reverse(), ctx.artifacts, {}, removal.journal, removal.tracker);
      expect(leftovers).toEqual([expect.stringContaining(`the ${type}`)]);
      expect(left(org)).toEqual([expect.stringContaining(type)]);
    });

    it('cancelled while it is being created: the run stops after it and roll-back removes everything', async () => {
      const org = createFakeOrg();
      const engine = fakeEngine(org);
      const { ctx, journal, tracker, controller } = engine;
      org.beforeCall = (method, called) => method === 'create' && called === type && controller.abort(new AppFailure(runCancelled()));
      await expect(provision(ctx, fakeSteps, journal, tracker)).rejects.toMatchObject({ error: { code: 'RUN_CANCELLED' } });
      expect(count(org)).toBe(index + 1);
      expect(await rollBack(rollbackOf(engine, org), fakeSteps, journal, tracker)).toEqual([]);
      expect(left(org)).toEqual([]);
    });
  });
});

describe('cancelling during activation', () => {
  const steps = [...fakeSteps, endlessActivation];

  /** Starts a run, cancels it once it waits for Salesforce, and hands back its context for the roll-back. */
  async function cancelledDuringActivation(org: FakeOrg) {
    const engine = fakeEngine(org, neverEnding);
    const { ctx, journal, tracker, controller } = engine;
    const run = provision(ctx, steps, journal, tracker);
    await until(() => journal.current()?.steps.some((s) => s.id === 'activation') === true);
    controller.abort(new AppFailure(runCancelled()));
    await expect(run).rejects.toMatchObject({ error: { code: 'RUN_CANCELLED' } });
    // The roll-back runs with its own context, under a signal that never aborts.
    return { ...engine, ctx: rollbackOf(engine, org) };
  }

  it('ends the wait at once and rolls back to a clean org', async () => {
    const org = createFakeOrg();
    const { ctx, journal, tracker } = await cancelledDuringActivation(org);
    expect(await rollBack(ctx, steps, journal, tracker)).toEqual([]);
    expect(left(org)).toEqual([]);
  });

  it('leaves a resumable journal when something cannot be removed', async () => {
    const org = createFakeOrg();
    const { ctx, journal, tracker } = await cancelledDuringActivation(org);
    org.failOn('destroy', 'ExternalClientApplication', 'refused');
    expect(await rollBack(ctx, steps, journal, tracker)).toHaveLength(1);
    const open = journal.current();
    expect(open?.rollingBack).toBe(true);
    expect(open?.steps.find((s) => s.id === 'app')?.status).toBe('done');
    // Roll back again (what Resume or Roll back does with the open journal) finishes the job.
    expect(await rollBack(ctx, steps, journal, tracker)).toEqual([]);
    expect(left(org)).toEqual([]);
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  expect(condition()).toBe(true);
}
