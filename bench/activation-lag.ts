import { startEmulator, type RequestLogEntry, type StartedEmulator, mdApi, signIn } from '../packages/salesforce-emulator/index';
import { startMainSide } from './main-side';
import { BENCH_OBJECT } from './provisioning';
import { spread } from './stats';
import type { ActivationLagResult } from './results';

/** How long the emulator refuses a new app's key: inside the app's first two minutes of polling. */
export const ACTIVATION_DELAY_MS = 20_000;

export interface LagRun {
  /** From the emulator accepting the key to the app's accepted token request being answered. */
  lagMs: number;
  tokenRequests: number;
}

/** Read off one enable's request log (emulator clock), given when the emulator began accepting the key. */
export function lagOf(acceptedFrom: number, log: readonly Pick<RequestLogEntry, 'at' | 'path' | 'status'>[]): LagRun {
  const grants = log.filter((r) => r.path.endsWith('/services/oauth2/token'));
  const accepted = grants.find((r) => r.status === 200 && Date.parse(r.at) >= acceptedFrom);
  if (!accepted) throw new Error('the app never signed the agent in');
  return { lagMs: Date.parse(accepted.at) - acceptedFrom, tokenRequests: grants.length };
}

/** The emulator starts accepting the key this long after the app's global OAuth settings were created. */
async function acceptedFrom(emulator: StartedEmulator): Promise<number> {
  const admin = await signIn(emulator);
  const [settings] = (await mdApi(admin).list({ type: 'ExtlClntAppGlobalOauthSettings' })) as { createdDate?: string }[];
  if (!settings?.createdDate) throw new Error('the app made no global OAuth settings');
  return Date.parse(settings.createdDate) + ACTIVATION_DELAY_MS;
}

/** One enable by the app, in real time, against an emulator that takes ACTIVATION_DELAY_MS to accept the key. */
async function oneRun(): Promise<LagRun> {
  const emulator = await startEmulator({ seed: 'demo', activationDelayMs: ACTIVATION_DELAY_MS });
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
    return lagOf(await acceptedFrom(emulator), log);
  } finally {
    await side.stop();
    await emulator.stop();
  }
}

/** `runs` enables side by side (each mostly waits), each with its own emulator and main-side process. */
export async function measureActivationLag(runs: number): Promise<ActivationLagResult> {
  const measured = await Promise.all(Array.from({ length: runs }, oneRun));
  return {
    delayMs: ACTIVATION_DELAY_MS,
    lagMs: spread(measured.map((r) => r.lagMs)),
    tokenRequests: spread(measured.map((r) => r.tokenRequests)),
  };
}
