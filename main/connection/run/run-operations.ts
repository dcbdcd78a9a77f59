import type { ConnectionState, EnableInput } from '../../../common';
import { AppFailure, fail } from '../../../common/app-error-schema';
import { build, updateAccess } from './build';
import type { ConnectionCore } from './core';
import { interruptedRun } from '../org/messages';
import { plannedKind, progressIds, type PlannedKind } from './step-lists';
import type { JournalRun } from '../../store/journal';
import type { AdminSession } from '../../auth/session-source';
import type { Run } from './run-context';
import { artifactsOf } from './provisioner';
import { adoptCarriedOver, requireNoOrgChange, settleOrgChange } from './org-identity';
import { rotateKey } from './rotation';
import { repair } from './repair';
import { disable, finishRemoval, rebuild } from './teardown';
import { undoJournaled } from './undo';

type RunDeps = ConnectionCore['run'];

/** How each kind's interrupted run goes on, looked up by the journaled kind. */
function resumeTable(deps: RunDeps): Record<PlannedKind, (admin: AdminSession, run: Run, journaled: JournalRun) => Promise<unknown>> {
  return {
    enable: (admin, run, journaled) =>
      build(deps, admin, run, { kind: journaled.kind, artifacts: artifactsOf(journaled), createdAt: null }),
    disable: (admin, run) => finishRemoval(deps, admin, run),
    reconnect: (admin, run) => rebuild(deps, 'reconnect', admin, run),
    recreate: (admin, run) => rebuild(deps, 'recreate', admin, run),
    updateAccess: (admin, run) => updateAccess(deps, admin, run),
    rotateKey: (admin, run) => rotateKey(deps, admin, run),
    repair: (admin, run) => repair(deps, admin, run),
  };
}

/** A take-over replaces a connection another install manages (ownership.ts). */
export interface OwnerOptions {
  takeOver?: boolean;
}

/** The operations that change the org: each starts one background run over its plan. */
export function createRunOperations(core: ConnectionCore) {
  const { scheduler, run: deps } = core;
  const { journal } = deps;
  const resumeOf = resumeTable(deps);
  return {
    async enable(input: EnableInput & OwnerOptions = {}): Promise<ConnectionState> {
      if (journal.current()) throw new AppFailure(interruptedRun());
      const current = core.state();
      if (current.status === 'connected' || current.status === 'drift') return current;
      requireNoOrgChange(current.orgChange);
      return scheduler.start('enable', progressIds('enable'), (admin, run) =>
        build(deps, admin, run, {
          kind: 'enable',
          artifacts: {},
          createdAt: null,
          userDefaults: input.userDefaults,
          userFields: input.userFields,
          takeOver: input.takeOver === true,
        }),
      );
    },
    /** With carried-over artifacts of another org's setup, Disable is their removal (from what discovery finds). */
    disable: () =>
      scheduler.start('disable', progressIds('disable'), async (admin, run) => {
        const changed = deps.records.get(admin.identity.orgId).orgChange;
        await disable(deps, admin, run);
        if (changed) settleOrgChange(deps, admin);
      }),
    reconnect: (options: OwnerOptions = {}) => {
      requireNoOrgChange(core.state().orgChange);
      return scheduler.start('reconnect', progressIds('reconnect'), (admin, run) =>
        rebuild(deps, 'reconnect', admin, run, options.takeOver === true),
      );
    },
    recreate: () => {
      requireNoOrgChange(core.state().orgChange);
      return scheduler.start('recreate', progressIds('recreate'), (admin, run) => rebuild(deps, 'recreate', admin, run));
    },
    rotateKey: () => scheduler.start('rotateKey', progressIds('rotateKey'), (admin, run) => rotateKey(deps, admin, run)),
    repair: () => scheduler.start('repair', progressIds('repair'), (admin, run) => repair(deps, admin, run)),
    /** Adopt what another org's setup left here: the record is built from the org, then the key rotated. */
    adopt: () =>
      scheduler.start('rotateKey', progressIds('rotateKey'), async (admin, run) => {
        await adoptCarriedOver(deps, admin, run);
        settleOrgChange(deps, admin);
        await rotateKey(deps, admin, run, 'connection.adopt');
      }),
    /** Nothing was carried over: the admin confirms the profile now belongs to this org. */
    async acceptOrgChange(): Promise<ConnectionState> {
      const admin = await core.session();
      const change = deps.records.get(admin.identity.orgId).orgChange;
      if (change) {
        requireNoOrgChange(change);
        settleOrgChange(deps, admin);
      }
      return core.changed();
    },
    updateAccess: (options: { removeHandAdded?: boolean } = {}) =>
      scheduler.start('updateAccess', progressIds('updateAccess'), (admin, run) =>
        updateAccess(deps, admin, run, options.removeHandAdded === true),
      ),
    async resume(): Promise<ConnectionState> {
      const journaled = journal.current() ?? fail('NOTHING_TO_RESUME', 'There is nothing to resume.');
      const kind = plannedKind(journaled.kind);
      return scheduler.start('resume', progressIds(kind), async (admin, run) => {
        await resumeOf[kind](admin, run, journaled);
      });
    },
    async rollback(): Promise<ConnectionState> {
      const journaled = journal.current() ?? fail('NOTHING_TO_RESUME', 'There is nothing to roll back.');
      // Roll back is what a cancel does: it is not itself cancelled.
      return scheduler.start('rollback', progressIds(journaled.kind), (admin, run) => undoJournaled(deps, admin, run, journaled), false);
    },
    cancel(): Promise<ConnectionState> {
      scheduler.cancel();
      return Promise.resolve(core.state());
    },
  };
}
