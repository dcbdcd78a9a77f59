import type { ConnectionState } from '../../common';
import { AppFailure, fail } from '../../common/app-error-schema';
import { build, updateAccess } from './build';
import type { ConnectionCore } from './core';
import { interruptedRun } from './messages';
import { plannedKind, progressIds } from './plans';
import { artifactsOf } from './provisioner';
import { disable, finishRemoval, rebuild } from './teardown';
import { undoJournaled } from './undo';

/** The operations that change the org: each starts one background run over its plan. */
export function createRunOperations(core: ConnectionCore) {
  const { scheduler, run: deps } = core;
  const { journal } = deps;
  return {
    async enable(): Promise<ConnectionState> {
      if (journal.current()) throw new AppFailure(interruptedRun());
      const current = core.state();
      if (current.status === 'connected' || current.status === 'drift') return current;
      return scheduler.start('enable', progressIds('enable'), (admin, run) => build(deps, admin, run, 'enable', {}, null));
    },
    disable: () => scheduler.start('disable', progressIds('disable'), (admin, run) => disable(deps, admin, run)),
    reconnect: () => scheduler.start('reconnect', progressIds('reconnect'), (admin, run) => rebuild(deps, 'reconnect', admin, run)),
    recreate: () => scheduler.start('recreate', progressIds('recreate'), (admin, run) => rebuild(deps, 'recreate', admin, run)),
    updateAccess: () => scheduler.start('updateAccess', progressIds('updateAccess'), (admin, run) => updateAccess(deps, admin, run)),
    async resume(): Promise<ConnectionState> {
      const journaled = journal.current() ?? fail('NOTHING_TO_RESUME', 'There is nothing to resume.');
      const kind = plannedKind(journaled.kind);
      return scheduler.start('resume', progressIds(kind), async (admin, run) => {
        if (kind === 'disable') await finishRemoval(deps, admin, run);
        else if (kind === 'reconnect' || kind === 'recreate') await rebuild(deps, kind, admin, run);
        else if (kind === 'updateAccess') await updateAccess(deps, admin, run);
        else await build(deps, admin, run, journaled.kind, artifactsOf(journaled), null);
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
