import { startEmulator, type RequestLogEntry, type StartedEmulator, mdApi, signIn } from '../packages/salesforce-emulator/index';
import { startMainSide } from './main-side';
import { BENCH_OBJECT } from './provisioning';
import { spread } from './stats';
import { ACTIVATION_POLL_MS } from '../main/connection/steps/activation';
import { createAuthService } from '../main/auth';
import { createConnectionServices } from '../main/connection';
import { ensureDemoProfile } from '../main/demo/demo-profile';
import { createLogger } from '../main/log';
import { createAuditLog } from '../main/store/audit-log';
import { createMemoryStoreFactory } from '../main/store/document-store';
import { createSettingsRepository } from '../main/store/settings-repository';
import { createMemoryVault } from '../main/store/vault';
import type { EventSink } from '../main/host-seams';
import type { ActivationLagResult, ActivationLagRun } from './results';

/**
 * When the emulator starts accepting a new app's key, after its creation: moments between two of the
 * app's attempts, as a real org's are (it accepts at a random moment). These run in real time, side by side.
 */
export const REAL_TIME_DELAYS_MS = [7_300, 23_900, 61_700, 130_100];
/** And one late in the wait, on the emulator's clock (the harness turns the app's waits into emulator time). */
export const EMULATOR_CLOCK_DELAY_MS = 11 * 60_000;

/** Read off one enable's request log (emulator clock), given when the emulator began accepting the key. */
export function lagOf(
  acceptedFrom: number,
  log: readonly Pick<RequestLogEntry, 'at' | 'path' | 'status'>[],
): Pick<ActivationLagRun, 'lagMs' | 'tokenRequests'> {
  const grants = log.filter((r) => r.path.endsWith('/services/oauth2/token'));
  const accepted = grants.find((r) => r.status === 200 && Date.parse(r.at) >= acceptedFrom);
  if (!accepted) throw new Error('the app never signed the agent in');
  return { lagMs: Date.parse(accepted.at) - acceptedFrom, tokenRequests: grants.length };
}

/** The emulator starts accepting the key this long after the app's global OAuth settings were created. */
async function acceptedFrom(emulator: StartedEmulator, delayMs: number): Promise<number> {
  const admin = await signIn(emulator);
  const [settings] = (await mdApi(admin).list({ type: 'ExtlClntAppGlobalOauthSettings' })) as { createdDate?: string }[];
  if (!settings?.createdDate) throw new Error('the app made no global OAuth settings');
  return Date.parse(settings.createdDate) + delayMs;
}

/** One enable by the app, in real time, against an emulator that takes `delayMs` to accept the key. */
async function realTimeRun(delayMs: number): Promise<ActivationLagRun> {
  const emulator = await startEmulator({ seed: 'demo', activationDelayMs: delayMs });
  const side = startMainSide();
  try {
    const admin = await signIn(emulator);
    await side.begin({
      approach: 'ours',
      loginUrl: emulator.loginUrl,
      instanceUrl: emulator.instanceUrl,
      orgId: emulator.orgId,
      adminUserId: emulator.admin.userId,
      accessToken: admin.accessToken ?? '',
      customFields: [],
      customObject: BENCH_OBJECT,
    });
    emulator.clearRequests();
    await side.run('enable');
    const log = emulator.requests();
    return { delayMs, clock: 'real', ...lagOf(await acceptedFrom(emulator, delayMs), log) };
  } finally {
    await side.stop();
    await emulator.stop();
  }
}

/**
 * One enable in this process with the app's waits on the emulator's clock (each sleep moves the
 * emulator's clock and the app's alike), for a delay too long to wait out in real time.
 */
async function emulatorClockRun(delayMs: number): Promise<ActivationLagRun> {
  const emulator = await startEmulator({ seed: 'demo', activationDelayMs: delayMs });
  try {
    const stores = createMemoryStoreFactory();
    const settings = createSettingsRepository(stores);
    const vault = createMemoryVault();
    const audit = createAuditLog(stores);
    const log = createLogger(() => undefined);
    const events: EventSink = { emit: () => undefined };
    const profile = ensureDemoProfile(settings, emulator.loginUrl);
    const auth = createAuthService({ settings, stores, vault, events, audit, log, openAuthorizeUrl: null });
    const accessToken = (await signIn(emulator)).accessToken ?? '';
    await auth.signInWithAccessToken({ profileId: profile.id, instanceUrl: emulator.instanceUrl, accessToken });
    let skewMs = 0;
    const sleep = (ms: number) => {
      skewMs += ms;
      emulator.advanceClock(ms);
      return Promise.resolve();
    };
    const now = () => new Date(Date.now() + skewMs);
    const { connection } = createConnectionServices({ settings, stores, vault, auth, events, audit, log, now, sleep });
    emulator.clearRequests();
    await connection.planAndRun('enable');
    const state = await connection.settled();
    if (state.status !== 'connected') throw new Error(`the enable ended ${state.status}`);
    return { delayMs, clock: 'emulator', ...lagOf(await acceptedFrom(emulator, delayMs), emulator.requests()) };
  } finally {
    await emulator.stop();
  }
}

/** The real-time enables side by side (each mostly waits), then the long one on the emulator's clock. */
export async function measureActivationLag(): Promise<ActivationLagResult> {
  const runs = await Promise.all(REAL_TIME_DELAYS_MS.map(realTimeRun));
  runs.push(await emulatorClockRun(EMULATOR_CLOCK_DELAY_MS));
  return {
    pollMs: ACTIVATION_POLL_MS,
    runs,
    lagMs: spread(runs.map((r) => r.lagMs)),
    tokenRequests: spread(runs.map((r) => r.tokenRequests)),
  };
}
