import { startEmulator, type StartedEmulator, signIn, extraCustomFieldNames } from '../packages/salesforce-emulator/index';
import { comparableState, firstDifference } from './end-state';
import { startMainSide, type MainSide } from './main-side';
import { approaches, type Approach, type Phase } from './protocol';
import { countRequests } from './requests';
import { spread } from './stats';
import type { ApproachResult, PhaseResult, ProvisioningResult } from './results';

/** The object the emulator adds the generated `Bench_Field_NNNN__c` custom fields to. */
export const BENCH_OBJECT = 'Account';

const PHASES: Record<Approach, Phase[]> = { ours: ['enable', 'check', 'disable'], naive: ['enable', 'disable'] };

export interface ProvisioningCase {
  customFields: number;
  latencyMs: number;
}

interface ApproachRun {
  result: ApproachResult;
  /** Comparable org states after enable and after disable. */
  endStates: unknown[];
}

/**
 * One approach against a fresh emulator with the case's generated fields: sign-in and start-up at
 * no latency (not measured), then each phase at the case's latency, its requests read from the log.
 */
async function runApproach(side: MainSide, approach: Approach, { customFields, latencyMs }: ProvisioningCase): Promise<ApproachRun> {
  const emulator = await startEmulator({
    seed: 'demo',
    activationDelayMs: 0,
    extraCustomFields: { object: BENCH_OBJECT, count: customFields },
  });
  try {
    const admin = await signIn(emulator);
    await side.begin({
      approach,
      loginUrl: emulator.loginUrl,
      instanceUrl: emulator.instanceUrl,
      orgId: emulator.orgId,
      adminUserId: emulator.admin.userId,
      accessToken: admin.accessToken ?? '',
      customFields: extraCustomFieldNames(customFields),
      customObject: BENCH_OBJECT,
    });
    emulator.setLatency(latencyMs);
    const run: ApproachRun = { result: {}, endStates: [] };
    for (const phase of PHASES[approach]) {
      run.result[phase] = await measurePhase(emulator, side, phase);
      if (phase !== 'check') run.endStates.push(comparableState(emulator.state()));
    }
    return run;
  } finally {
    await emulator.stop();
  }
}

async function measurePhase(emulator: StartedEmulator, side: MainSide, phase: Phase): Promise<PhaseResult> {
  emulator.clearRequests();
  const { phase: _phase, ...measured } = await side.run(phase);
  return { ...measured, requests: countRequests(emulator.requests()), wallExActivationMs: measured.wallMs - measured.activationMs };
}

const enableWall = (run: ApproachRun) => run.result.enable?.wallExActivationMs ?? 0;

/**
 * Each case with the app (`oursRuns` times, the run with the median enable time reported) and once
 * with the naive baseline, each side in a worker process of its own that lives for the whole run
 * (cases in the given order). Throws when the two leave the org differently.
 */
export async function runProvisioning(
  cases: readonly ProvisioningCase[],
  oursRuns: number,
  report: (result: ProvisioningResult) => void,
): Promise<ProvisioningResult[]> {
  const sides = Object.fromEntries(approaches.map((a) => [a, startMainSide()])) as Record<Approach, MainSide>;
  try {
    const results: ProvisioningResult[] = [];
    for (const c of cases) {
      const runs: ApproachRun[] = [];
      for (let i = 0; i < oursRuns; i++) runs.push(await runApproach(sides.ours, 'ours', c));
      const naive = await runApproach(sides.naive, 'naive', c);
      for (const ours of runs) {
        const difference = firstDifference(ours.endStates, naive.endStates);
        if (difference)
          throw new Error(
            `F=${c.customFields}: the naive baseline left the org differently from the app (${difference}); the comparison would not be fair.`,
          );
      }
      const sorted = [...runs].sort((a, b) => enableWall(a) - enableWall(b));
      const median = sorted[Math.floor((sorted.length - 1) / 2)] ?? sorted[0];
      if (!median) throw new Error('no run of the app');
      const result: ProvisioningResult = {
        ...c,
        results: { ours: median.result, naive: naive.result },
        oursEnableWallExActivationMs: spread(runs.map(enableWall)),
        sameEndState: true,
      };
      report(result);
      results.push(result);
    }
    return results;
  } finally {
    await Promise.all(Object.values(sides).map((side) => side.stop()));
  }
}
