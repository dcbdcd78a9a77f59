import { startEmulator, type RequestLogEntry, type StartedEmulator, mdApi, signIn } from '../packages/salesforce-emulator/index';
import { startMainSide } from './main-side';
import { BENCH_OBJECT } from './provisioning';
import { spread } from './stats';
import { ACTIVATION_POLL_MS } from '../main/connection/steps/activation';
import { startHarness } from '../test/support/connection/harness';
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

/** One enable in-process, its waits on the emulator's clock: a delay too long to wait for in real time. */
async function emulatorClockRun(delayMs: number): Promise<ActivationLagRun> {
  const h = await startHarness({ activationDelayMs: delayMs });
  try {
    h.emulator.clearRequests();
    const state = await h.run(() => h.services.connection.planAndRun('enable'));
    if (state.status !== 'connected') throw new Error(`the enable ended ${state.status}`);
    const log = h.emulator.requests().filter((r) => r.origin === 'instance' || !r.path.endsWith('/services/oauth2/token'));
    return { delayMs, clock: 'emulator', ...lagOf(await acceptedFrom(h.emulator, delayMs), log) };
  } finally {
    await h.emulator.stop();
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
