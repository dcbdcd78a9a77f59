/**
 * `npm run bench`: provisioning (enable, health check, disable) against the Salesforce emulator,
 * started here, next to the naive baseline; the renderer's bundle and the Connectors first paint.
 * Writes bench/results.md and bench/results.json. Options: --skip-build (measure the renderer
 * already in out/), --loads N (first-paint loads, default 12), --fields 10,200 (subset of F),
 * --runs N (runs of the app per case, the median reported; default 3; the naive baseline runs once),
 * --skip-activation (leaves out the activation lag: enables accepted 7.3 s to 130.1 s after creation in real time, and 11 min on the emulator's clock),
 * --status-all-runs N (rounds of `status --all` over three orgs at 20/50/100 ms; default 5, 0 skips),
 * --startup-runs N (cold starts of our `version`, `status --json` and `sf --version`; default 10, 0 skips).
 */
import { spawnSync } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../main/headless-host';
import { chunkSizes, firstScreenTotal } from './bundle';
import { measureFirstPaint } from './first-paint';
import { machineAtEnd, machineAtStart } from './machine';
import { measureActivationLag, REAL_TIME_DELAYS_MS } from './activation-lag';
import { measureStatusAll } from './status-all';
import { runProvisioning, type ProvisioningCase } from './provisioning';
import { renderReport } from './report';
import type { ActivationLagResult, BenchResults, ProvisioningResult, RendererResult, StartupResult, StatusAllResult } from './results';
import { measureStartup } from './startup';
import { checkTargets, fewerRequests, naive, ours } from './targets';

const FIELD_COUNTS = [10, 200, 1000];
const LATENCIES_MS = [0, 50];
const BENCH_DIR = join(projectRoot, 'bench');

const { values: options } = parseArgs({
  options: {
    'skip-build': { type: 'boolean', default: false },
    loads: { type: 'string', default: '12' },
    fields: { type: 'string', default: FIELD_COUNTS.join(',') },
    runs: { type: 'string', default: '3' },
    'skip-activation': { type: 'boolean', default: false },
    'status-all-runs': { type: 'string', default: '5' },
    'startup-runs': { type: 'string', default: '10' },
  },
});

const machine = machineAtStart();
const tag = `[${machine.cores} cores, Node ${machine.node}]`;
const say = (line: string) => console.log(`${tag} ${line}`);

function buildRenderer(): void {
  say('building the app (electron-vite build) ...');
  const built = spawnSync(join(projectRoot, 'node_modules', '.bin', 'electron-vite'), ['build'], {
    cwd: projectRoot,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (built.status !== 0) throw new Error(`electron-vite build failed (exit ${String(built.status)})`);
}

async function measureRenderer(loads: number): Promise<RendererResult> {
  if (!options['skip-build']) buildRenderer();
  const chunks = await chunkSizes(join(projectRoot, 'out', 'renderer'));
  const firstScreen = firstScreenTotal(chunks);
  for (const c of chunks) say(`renderer ${c.file}: ${c.rawBytes} B raw, ${c.gzipBytes} B gzip${c.firstScreen ? ' (first screen)' : ''}`);
  say(`renderer first screen: ${firstScreen.rawBytes} B raw, ${firstScreen.gzipBytes} B gzip`);
  const paint = await measureFirstPaint(loads);
  if (typeof paint === 'string') {
    say(`first paint not measured: ${paint}`);
    return { chunks, firstScreen, firstPaint: null, skipped: paint };
  }
  const withBrowserUi = await measureFirstPaint(loads, { browserUi: true });
  if (typeof withBrowserUi !== 'string') paint.headingWithBrowserUiMs = withBrowserUi.headingVisibleMs;
  say(
    `first paint over ${paint.loads} loads: heading median ${paint.headingVisibleMs.median.toFixed(0)} ms (min ${paint.headingVisibleMs.min.toFixed(0)}, max ${paint.headingVisibleMs.max.toFixed(0)}), FCP median ${paint.firstContentfulPaintMs.median.toFixed(0)} ms`,
  );
  return { chunks, firstScreen, firstPaint: paint };
}

function sayProvisioning(row: ProvisioningResult): void {
  const where = `F=${row.customFields} latency=${row.latencyMs}ms`;
  const a = ours(row);
  const b = naive(row);
  if (a && b) {
    const runs = row.oursEnableWallExActivationMs;
    say(
      `${where} enable: ours ${a.requests.salesforce} requests + ${a.requests.tokenGrants} token grants, ${a.wallExActivationMs.toFixed(0)} ms (median of ${runs.n}, ${runs.min.toFixed(0)}-${runs.max.toFixed(0)} ms; activation ${a.activationMs.toFixed(0)} ms), peak heap ${a.heapPeakBytes} B, peak RSS ${a.rssPeakBytes} B; ` +
        `naive ${b.requests.salesforce} requests, ${b.wallExActivationMs.toFixed(0)} ms; naive/ours requests ${fewerRequests(row)?.toFixed(1) ?? '-'}x`,
    );
  }
  const check = row.results.ours.check;
  if (check)
    say(
      `${where} health check: ${check.requests.salesforce} requests + ${check.requests.tokenGrants} token grants, ${check.wallMs.toFixed(0)} ms`,
    );
  const off = row.results.ours.disable;
  const offNaive = row.results.naive.disable;
  if (off && offNaive)
    say(
      `${where} disable: ours ${off.requests.salesforce} requests, ${off.wallMs.toFixed(0)} ms; naive ${offNaive.requests.salesforce} requests, ${offNaive.wallMs.toFixed(0)} ms`,
    );
}

async function measureActivation(skip: boolean): Promise<ActivationLagResult | undefined> {
  if (skip) return undefined;
  say(
    `activation lag: enables accepted ${REAL_TIME_DELAYS_MS.map((d) => `${d / 1000} s`).join(', ')} after creation (real time), and 11 min (emulator's clock) ...`,
  );
  const activation = await measureActivationLag();
  for (const run of activation.runs)
    say(`activation lag: accepted after ${run.delayMs} ms (${run.clock}): lag ${run.lagMs} ms, ${run.tokenRequests} token requests`);
  say(`activation lag: median ${activation.lagMs.median.toFixed(0)} ms, max ${activation.lagMs.max.toFixed(0)} ms`);
  return activation;
}

async function measureStatusAllRounds(runs: number): Promise<StatusAllResult | undefined> {
  if (runs <= 0) return undefined;
  say(`status --all: ${runs} rounds over three orgs at 20, 50 and 100 ms ...`);
  const result = await measureStatusAll(runs);
  say(
    `status --all: median ${result.wallMs.median.toFixed(0)} ms; slowest org alone ${result.slowestMs.median.toFixed(0)} ms, sum ${result.sumMs.median.toFixed(0)} ms; ${result.requestsPerOrg} requests + ${result.tokenGrantsPerOrg} token grant per org`,
  );
  return result;
}

async function measureStartupRuns(runs: number): Promise<StartupResult | undefined> {
  if (runs <= 0) return undefined;
  say(`CLI start-up: ${runs} cold starts each of version, status --json and sf --version ...`);
  const result = await measureStartup(runs, say);
  say(
    `CLI start-up: version ${result.version.median.toFixed(0)} ms, status --json ${result.statusJson.median.toFixed(0)} ms (org ${result.statusOrgMs.median.toFixed(0)} ms), sf --version ${result.sfVersion.median.toFixed(0)} ms`,
  );
  return result;
}

async function main(): Promise<void> {
  const started = Date.now();
  const startedAt = new Date(started).toISOString();
  say(`${machine.cpu}, ${machine.memoryGiB} GiB, ${machine.platform}, load average ${machine.loadAverage.start.toFixed(1)}`);
  const renderer = await measureRenderer(Number(options.loads));
  const fieldCounts = options.fields.split(',').map(Number);
  const cases: ProvisioningCase[] = fieldCounts.flatMap((customFields) => LATENCIES_MS.map((latencyMs) => ({ customFields, latencyMs })));
  const provisioning = await runProvisioning(cases, Number(options.runs), sayProvisioning);
  const activation = await measureActivation(options['skip-activation']);
  const statusAll = await measureStatusAllRounds(Number(options['status-all-runs']));
  const startup = await measureStartupRuns(Number(options['startup-runs']));
  const results: BenchResults = {
    startedAt,
    durationMs: Date.now() - started,
    machine: machineAtEnd(machine),
    provisioning,
    ...(activation ? { activation } : {}),
    ...(statusAll ? { statusAll } : {}),
    ...(startup ? { startup } : {}),
    renderer,
  };
  await writeFile(join(BENCH_DIR, 'results.json'), `${JSON.stringify(results, null, 2)}\n`);
  const report = renderReport(results);
  await writeFile(join(BENCH_DIR, 'results.md'), report);
  for (const check of checkTargets(results)) say(`${check.met ? 'met ' : 'MISS'} ${check.target}: ${check.figure}`);
  say(`done in ${(results.durationMs / 1000).toFixed(0)} s; wrote bench/results.md and bench/results.json`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
