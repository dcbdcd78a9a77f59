/**
 * The app's main side in a process of its own (forked by the bench), so its memory is measured
 * alone. `ours`: the real auth service signed in with the emulator admin's token and the real
 * connection services over in-memory stores. `naive`: the naive baseline on a plain jsforce
 * connection. Runs one phase at a time when told to; reports wall time, step times, memory.
 */
import jsforce from 'jsforce';
import { defaultAccessProfile, type RunProgress, withAddedFields } from '../common';
import { createAuthService } from '../main/auth';
import { createConnectionServices } from '../main/connection';
import { ensureDemoProfile } from '../main/demo/demo-profile';
import { createLogger } from '../main/log';
import { API_VERSION } from '../main/salesforce/client';
import type { EventSink } from '../main/host-seams';
import { createAuditLog } from '../main/store/audit-log';
import { createMemoryStoreFactory } from '../main/store/document-store';
import { createSettingsRepository } from '../main/store/settings-repository';
import { createMemoryVault } from '../main/store/vault';
import { sampleMemory } from './memory-sampler';
import { createNaiveBaseline } from './naive-baseline';
import { workerCommandSchema, type Phase, type WorkerReply, type WorkerStart } from './protocol';
import { createStepClock } from './step-clock';

/** One way of doing the phases: what it ended in, and how long its steps (activation among them) took. */
interface PhaseOutcome {
  outcome: string;
  activationMs: number;
  stepMs: Record<string, number>;
}

interface Subject {
  run(phase: Phase): Promise<PhaseOutcome>;
}

const reply = (message: WorkerReply) => process.send?.(message);

async function ours(start: WorkerStart): Promise<Subject> {
  const stores = createMemoryStoreFactory();
  const settings = createSettingsRepository(stores);
  const vault = createMemoryVault();
  const audit = createAuditLog(stores);
  const log = createLogger(() => undefined);
  const steps = createStepClock();
  const events: EventSink = {
    emit(event, payload) {
      if (event === 'connection.progress') steps.observe(payload as RunProgress, performance.now());
    },
  };
  const profile = ensureDemoProfile(settings, start.loginUrl);
  const auth = createAuthService({ settings, stores, vault, events, audit, log, openAuthorizeUrl: null });
  await auth.signInWithAccessToken({ profileId: profile.id, instanceUrl: start.instanceUrl, accessToken: start.accessToken });
  const { connection, agent } = createConnectionServices({ settings, stores, vault, auth, events, audit, log });
  await agent.updateAccessProfile(withAddedFields(agent.accessProfile(), start.customObject, start.customFields));
  const finished = (outcome: string) => {
    const stepMs = steps.take();
    return { outcome, activationMs: stepMs.activation ?? 0, stepMs };
  };
  return {
    async run(phase) {
      if (phase === 'check') return finished((await connection.check()).status);
      await (phase === 'enable' ? connection.planAndRun('enable') : connection.planAndRun('disable'));
      const settled = await connection.settled();
      if (settled.error) throw new Error(`${phase} ended ${settled.status}: ${settled.error.code} ${settled.error.message}`);
      return finished(settled.status);
    },
  };
}

function naive(start: WorkerStart): Subject {
  const connection = new jsforce.Connection({ instanceUrl: start.instanceUrl, accessToken: start.accessToken, version: API_VERSION });
  const baseline = createNaiveBaseline(
    { connection, loginUrl: start.loginUrl, instanceUrl: start.instanceUrl, orgId: start.orgId, userId: start.adminUserId },
    withAddedFields(defaultAccessProfile, start.customObject, start.customFields),
    createSettingsRepository(createMemoryStoreFactory()).get().agentName,
  );
  return {
    async run(phase): Promise<PhaseOutcome> {
      if (phase === 'enable') {
        const { activationMs } = await baseline.enable();
        return { outcome: 'connected', activationMs, stepMs: { activation: activationMs } };
      }
      if (phase === 'disable') {
        await baseline.disable();
        return { outcome: 'off', activationMs: 0, stepMs: {} };
      }
      throw new Error('the naive baseline has no health check');
    },
  };
}

async function measure(subject: Subject, phase: Phase): Promise<void> {
  const memory = sampleMemory();
  const started = performance.now();
  const result = await subject.run(phase);
  const wallMs = performance.now() - started;
  reply({ type: 'measured', measurement: { phase, wallMs, ...result, ...memory.stop() } });
}

function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'errorCode' in error ? ` ${String(error.errorCode)}` : '';
  return `${error.name}${code}: ${error.message || '(no message)'} ${error.stack?.split('\n').slice(1, 4).join(' | ') ?? ''}`;
}

function main(): void {
  let subject: Promise<Subject> = Promise.reject(new Error('run before start'));
  subject.catch(() => undefined);
  process.on('message', (raw: unknown) => {
    const command = workerCommandSchema.parse(raw);
    if (command.type === 'exit') process.exit(0);
    let work: Promise<void>;
    if (command.type === 'start') {
      subject = command.approach === 'ours' ? ours(command) : Promise.resolve(naive(command));
      work = subject.then(() => void reply({ type: 'ready' }));
    } else {
      work = subject.then((s) => measure(s, command.phase));
    }
    work.catch((error: unknown) => reply({ type: 'failed', message: describeError(error) }));
  });
}

main();
