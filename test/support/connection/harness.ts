import { startEmulator, type EmulatorOptions, type StartedEmulator } from '../../../packages/salesforce-emulator/index';
import type { ConnectionState, EventName, EventPayload, PlannedRunKind, RunProgress } from '../../../common';
import { createLogger } from '../../../main/log';
import type { EventSink } from '../../../main/host-seams';
import { createAuditLog } from '../../../main/store/audit-log';
import { createMemoryStoreFactory, type DocumentStoreFactory } from '../../../main/store/document-store';
import { createSettingsRepository } from '../../../main/store/settings-repository';
import { createMemoryVault, type SecretVault } from '../../../main/store/vault';
import { createConnectionServices } from '../../../main/connection';
import { emulatorAdminAuth } from './emulator-session';
import type { AdminSessionSource } from '../../../main/auth/session-source';

export interface Harness {
  emulator: StartedEmulator;
  services: ReturnType<typeof createConnectionServices>;
  progress: RunProgress[];
  changes: ConnectionState[];
  stores: DocumentStoreFactory;
  vault: SecretVault;
  audit: ReturnType<typeof createAuditLog>;
  /** A second app instance over the same stores (what a restart sees). */
  restart(): ReturnType<typeof createConnectionServices>;
  /** The signed-in admin (e.g. to change the org behind the app's back). */
  session: AdminSessionSource['session'];
  /**
   * Reviews the plan of `kind` now and returns the run that starts with it: a test arms its faults
   * after this, so they count the run's requests, not the review's reads.
   */
  reviewed(kind: PlannedRunKind): Promise<() => Promise<ConnectionState>>;
  /** Runs an operation and waits for its background run to end. */
  run(operation: () => Promise<ConnectionState>): Promise<ConnectionState>;
}

/**
 * The connection services against a fresh emulator, signed in as its admin, with waiting turned into
 * advancing the emulator's clock and the app's (activation delays pass without real time passing).
 */
export async function startHarness(
  { profileAudience, ...options }: EmulatorOptions & { /** The admin's org profile's own JWT audience. */ profileAudience?: string } = {},
  shared?: { stores: DocumentStoreFactory; vault: SecretVault },
): Promise<Harness> {
  const emulator = await startEmulator({ seed: 'demo', ...options });
  const stores = shared?.stores ?? createMemoryStoreFactory();
  const vault = shared?.vault ?? createMemoryVault();
  const auth = await emulatorAdminAuth(emulator, profileAudience ? { jwtAudience: profileAudience } : {});
  const progress: RunProgress[] = [];
  const changes: ConnectionState[] = [];
  const events: EventSink = {
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      if (event === 'connection.progress') progress.push(payload as RunProgress);
      if (event === 'connection.changed') changes.push(payload as ConnectionState);
    },
  };
  const settings = createSettingsRepository(stores);
  const audit = createAuditLog(stores);
  // The app's clock moves with the emulator's, so deadlines (activation) pass as the waits do.
  let skewMs = 0;
  const make = () =>
    createConnectionServices({
      settings,
      stores,
      vault,
      auth,
      events,
      audit,
      log: createLogger(() => undefined),
      now: () => new Date(Date.now() + skewMs),
      sleep: (ms) => {
        skewMs += ms;
        emulator.advanceClock(ms);
        return Promise.resolve();
      },
    });
  const services = make();
  return {
    emulator,
    services,
    progress,
    changes,
    stores,
    vault,
    audit,
    restart: make,
    session: () => auth.session(),
    async reviewed(kind) {
      const { id: planId } = await services.connection.plan(kind);
      return () => (kind === 'enable' ? services.connection.enable({ planId }) : services.connection[kind]({ planId }));
    },
    async run(operation) {
      await operation();
      return services.connection.settled();
    },
  };
}
