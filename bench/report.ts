import { BROWSER_UI_FEATURES } from './chromium';
import { DISABLE_CHAIN, disableFloor, ENABLE_CHAIN, enableBudget, enableFloor } from './floor';
import { kindSummary } from './requests';
import type { ActivationLagRun, BenchResults, PhaseResult, ProvisioningResult } from './results';
import type { Spread } from './stats';
import { checkTargets, fewerRequests, naive, ours, wallOverLatency, wallOverLatencyWithoutOrgWork } from './targets';

export const REPRODUCE = 'npm run bench';

/** A Markdown table; cells are escaped so a `|` in a value cannot break a row. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const ms = (value: number): string => `${Math.round(value).toLocaleString('en-US')} ms`;
export const kb = (bytes: number): string => `${(bytes / 1000).toFixed(1)} KB`;
export const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`;
const ratio = (value: number | null): string => (value === null ? '–' : `${value.toFixed(2)}`);
const signed = (value: number): string => (value > 0 ? `+${value}` : `${value}`);

function mainSideMs(phase: PhaseResult): number {
  // Requests run one after another, so what the org did not spend answering was spent in the main side.
  return phase.wallExActivationMs - phase.requests.orgMs;
}

function heap(phase: PhaseResult | undefined): string {
  return phase ? `${mib(phase.heapPeakBytes)} (+${mib(phase.heapPeakBytes - phase.heapBaselineBytes)})` : '–';
}

function enableRequestRows(rows: readonly ProvisioningResult[]): string[][] {
  return rows.map((row) => {
    const a = ours(row);
    const b = naive(row);
    const floor = enableFloor(row.customFields);
    return [
      String(row.customFields),
      `${row.latencyMs} ms`,
      a ? String(a.requests.salesforce) : '–',
      String(floor),
      a ? signed(a.requests.salesforce - floor) : '–',
      String(enableBudget(row.customFields)),
      b ? String(b.requests.salesforce) : '–',
      a && b ? ratio(a.requests.salesforce / b.requests.salesforce) : '–',
      `${ratio(fewerRequests(row))}x`,
      a && b ? `${a.requests.tokenGrants} / ${b.requests.tokenGrants}` : '–',
    ];
  });
}

function enableTimeRows(rows: readonly ProvisioningResult[]): string[][] {
  return rows.map((row) => {
    const a = ours(row);
    const b = naive(row);
    const runs = row.oursEnableWallExActivationMs;
    return [
      String(row.customFields),
      `${row.latencyMs} ms`,
      a ? ms(a.wallExActivationMs) : '–',
      `${ms(runs.min)} – ${ms(runs.max)} (${runs.n})`,
      b ? ms(b.wallExActivationMs) : '–',
      a && b ? ratio(a.wallExActivationMs / b.wallExActivationMs) : '–',
      a ? ms(a.activationMs) : '–',
      a && row.latencyMs > 0 ? ms(a.requests.salesforce * row.latencyMs) : '–',
      ratio(wallOverLatency(row)),
      ratio(wallOverLatencyWithoutOrgWork(row)),
      a ? ms(a.requests.orgMs) : '–',
      a ? ms(mainSideMs(a)) : '–',
      heap(a),
      a ? mib(a.rssPeakBytes) : '–',
      heap(b),
    ];
  });
}

function disableRows(rows: readonly ProvisioningResult[]): string[][] {
  return rows.map((row) => {
    const a = row.results.ours.disable;
    const b = row.results.naive.disable;
    return [
      String(row.customFields),
      `${row.latencyMs} ms`,
      a ? String(a.requests.salesforce) : '–',
      String(disableFloor()),
      b ? String(b.requests.salesforce) : '–',
      a ? ms(a.wallMs) : '–',
      b ? ms(b.wallMs) : '–',
      heap(a),
    ];
  });
}

function healthRows(rows: readonly ProvisioningResult[]): string[][] {
  return rows
    .filter((row) => row.results.ours.check)
    .map((row) => {
      const check = row.results.ours.check as PhaseResult;
      return [
        String(row.customFields),
        `${row.latencyMs} ms`,
        check.outcome,
        String(check.requests.salesforce),
        String(check.requests.tokenGrants),
        ms(check.wallMs),
        kindSummary(check.requests.byKind),
        heap(check),
      ];
    });
}

/** Where one enable's time went: each step, and the org's time by kind of request. */
function timeBreakdown(row: ProvisioningResult): string {
  const a = ours(row);
  if (!a) return '';
  const steps = Object.entries(a.stepMs)
    .map(([step, value]) => `${step} ${ms(value)}`)
    .join(', ');
  const org = Object.entries(a.requests.orgMsByKind)
    .sort(([, x], [, y]) => y - x)
    .map(([kind, value]) => `${kind} ×${a.requests.byKind[kind] ?? 0}: ${ms(value)}`)
    .join(', ');
  return [
    `- **F = ${row.customFields}, ${row.latencyMs} ms** — steps: ${steps}.`,
    `  Org time by request kind (latency included): ${org}. Main side: ${ms(mainSideMs(a))}.`,
  ].join('\n');
}

function spreadRow(name: string, value: Spread): string[] {
  return [name, ms(value.median), `${ms(value.p25)} – ${ms(value.p75)}`, `${ms(value.min)} – ${ms(value.max)}`];
}

const delayText = (run: ActivationLagRun) =>
  run.delayMs >= 60_000 ? `${(run.delayMs / 60_000).toFixed(1)} min` : `${run.delayMs / 1000} s`;

function activationSection(results: BenchResults): string {
  const { activation } = results;
  if (!activation) return '### Activation lag\n\nNot measured in this run.';
  return [
    '### Activation lag',
    '',
    `The app enables against an emulator that refuses the new app's key until a moment after its global OAuth settings are created that falls between two of the app's attempts (it polls every ${activation.pollMs / 1000} s for the whole wait); the real-time enables run side by side, the longest delay runs on the emulator's clock. ` +
      "Lag = from the moment the emulator accepts the key to the app's accepted token request; token requests = every request to the token endpoint during the enable.",
    '',
    table(
      ['Accepted after', 'Clock', 'Lag', 'Token requests'],
      activation.runs.map((r) => [delayText(r), r.clock === 'real' ? 'real time' : "emulator's", ms(r.lagMs), String(r.tokenRequests)]),
    ),
    '',
    `Lag over the ${activation.lagMs.n} enables: median ${ms(activation.lagMs.median)}, max ${ms(activation.lagMs.max)}.`,
  ].join('\n');
}

function startupSection(results: BenchResults): string {
  const { startup } = results;
  if (!startup) return '### CLI start-up\n\nNot measured in this run.';
  return [
    '### CLI start-up',
    '',
    `Each command started ${startup.runs} times as a new process, the three interleaved in one run: our bundled CLI (\`out/cli/agent-connections.mjs\`, as \`agent-connections\` runs it) and the Salesforce CLI (${startup.sfVersionText || '@salesforce/cli'}, installed from the npm registry into a cache). ` +
      '`status --json` runs against the emulator with a stored session and a connection to check; "the org" is the emulator\'s own time answering its requests.',
    '',
    table(
      ['Command', 'Median', 'p25 – p75', 'min – max'],
      [
        spreadRow('`agent-connections version`', startup.version),
        spreadRow('`agent-connections status --json`', startup.statusJson),
        spreadRow('… of which the org', startup.statusOrgMs),
        spreadRow('`sf --version`', startup.sfVersion),
      ],
    ),
  ].join('\n');
}

function statusAllSection(results: BenchResults): string {
  const { statusAll } = results;
  if (!statusAll) return '### status --all\n\nNot measured in this run.';
  return [
    '### status --all',
    '',
    `Three orgs (production and two sandboxes), each on its own emulator answering every request after ${statusAll.latenciesMs.join(', ')} ms, each with its own profile session (${statusAll.wallMs.n} rounds). ` +
      'Each round checks every org alone (the scheduled check), then all of them together as `status --all` does; ' +
      `per org a check costs ${statusAll.requestsPerOrg} requests and ${statusAll.tokenGrantsPerOrg} token grant.`,
    '',
    table(
      ['Figure', 'Median', 'p25 – p75', 'min – max'],
      [
        spreadRow('status --all (wall)', statusAll.wallMs),
        spreadRow('Slowest org alone', statusAll.slowestMs),
        spreadRow('Sum of the orgs', statusAll.sumMs),
      ],
    ),
  ].join('\n');
}

function rendererSection(results: BenchResults): string {
  const { renderer } = results;
  const chunks = table(
    ['Chunk', 'Raw', 'Gzip (level 9)', 'First screen'],
    [
      ...renderer.chunks.map((c) => [c.file, kb(c.rawBytes), kb(c.gzipBytes), c.firstScreen ? 'yes' : 'later']),
      ['**First screen total**', kb(renderer.firstScreen.rawBytes), kb(renderer.firstScreen.gzipBytes), ''],
    ],
  );
  const paint = renderer.firstPaint;
  const paintTable = paint
    ? table(
        ['Milestone (from navigation start)', 'Median', 'p25 – p75', 'min – max'],
        [
          spreadRow('HTML received', paint.documentMs),
          spreadRow('Scripts received', paint.scriptsMs),
          spreadRow('Scripts run (DOMContentLoaded)', paint.domContentLoadedMs),
          spreadRow('First API call sent', paint.apiFirstStartMs),
          spreadRow('Last API call answered', paint.apiLastEndMs),
          spreadRow('First contentful paint', paint.firstContentfulPaintMs),
          spreadRow('**Connectors heading painted**', paint.headingVisibleMs),
          spreadRow('Connector list painted', paint.connectorsListedMs),
          spreadRow('React attached (screen answers clicks)', paint.interactiveMs),
          ...(paint.headingWithBrowserUiMs
            ? [spreadRow("Connectors heading painted, Chromium's own browser UI on", paint.headingWithBrowserUiMs)]
            : []),
        ],
      )
    : `Not measured: ${renderer.skipped ?? 'unknown reason'}.`;
  return [
    '### Renderer bundle',
    'Built JS per chunk from `out/renderer/assets`; "first screen" = the entry script and its `modulepreload` links in `out/renderer/index.html`. 1 KB = 1,000 bytes.',
    '',
    chunks,
    '',
    `### Connectors first paint (Debian Chromium, browser mode, ${paint ? paint.loads : 0} loads)`,
    'Each load: a fresh browser context (empty cache) and a fresh start URL; one warm-up load before them is not counted. "Painted" = the first animation frame in which the element is laid out. ' +
      'Chromium runs with its own browser UI off (`--disable-features=' +
      BROWSER_UI_FEATURES.join(',') +
      '`): otherwise every new window starts a second renderer for the omnibox popup that competes with the app for the cores, and the Electron window this stands in for has no browser UI. The last row is the same load with that UI on.',
    '',
    paintTable,
  ].join('\n');
}

function chainList(chain: readonly { what: string; requests: number }[]): string {
  return chain.map((link) => `  - ${link.requests} — ${link.what}`).join('\n');
}

/** The short form (docs/performance.md shows it): when and where, targets, one row per F. */
export function renderSummary(results: BenchResults): string {
  const { machine } = results;
  return [
    `Run ${results.startedAt.slice(0, 16).replace('T', ' ')} UTC, ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, load average ${machine.loadAverage.start.toFixed(1)} → ${machine.loadAverage.end.toFixed(1)}; ${(results.durationMs / 1000).toFixed(0)} s.`,
    '',
    summaryTables(results),
  ].join('\n');
}

function summaryTables(results: BenchResults): string {
  const fieldCounts = [...new Set(results.provisioning.map((r) => r.customFields))];
  const at = (f: number, latency: number) => results.provisioning.find((r) => r.customFields === f && r.latencyMs === latency);
  const latencies = [...new Set(results.provisioning.map((r) => r.latencyMs))];
  const slow = Math.max(...latencies);
  const rows = fieldCounts.map((f) => {
    const fast = at(f, Math.min(...latencies));
    const row = at(f, slow);
    const a = row ? ours(row) : undefined;
    const b = row ? naive(row) : undefined;
    const check = row?.results.ours.check;
    const off = row?.results.ours.disable;
    return [
      String(f),
      a ? `${a.requests.salesforce} (floor ${enableFloor(f)}, budget ${enableBudget(f)})` : '–',
      b ? String(b.requests.salesforce) : '–',
      row ? `${ratio(fewerRequests(row))}x` : '–',
      a && b ? `${ms(a.wallExActivationMs)} / ${ms(b.wallExActivationMs)}` : '–',
      row ? `${ratio(wallOverLatency(row))} (${ratio(wallOverLatencyWithoutOrgWork(row))})` : '–',
      fast?.results.ours.enable ? mib(fast.results.ours.enable.heapPeakBytes) : '–',
      check ? `${check.requests.salesforce} + ${check.requests.tokenGrants} grant, ${ms(check.wallMs)}` : '–',
      off ? `${off.requests.salesforce} (floor ${disableFloor()})` : '–',
    ];
  });
  const paint = results.renderer.firstPaint;
  return [
    table(
      ['Target', 'Figure', 'Met'],
      checkTargets(results).map((t) => [t.target, t.figure, t.met ? 'yes' : '**no**']),
    ),
    '',
    table(
      [
        'F',
        'Enable requests',
        'Naive',
        'Naive ÷ ours',
        `Enable at ${slow} ms, ours / naive`,
        "Ours / (requests × latency) (without the emulator's own work)",
        'Peak heap (enable)',
        `Health check at ${slow} ms`,
        'Disable requests',
      ],
      rows,
    ),
    '',
    `Renderer first screen: ${kb(results.renderer.firstScreen.gzipBytes)} gzipped (${kb(results.renderer.firstScreen.rawBytes)} raw). ` +
      (paint
        ? `Connectors heading painted after ${ms(paint.headingVisibleMs.median)} (median of ${paint.loads} loads, ${ms(paint.headingVisibleMs.min)} – ${ms(paint.headingVisibleMs.max)}); first contentful paint ${ms(paint.firstContentfulPaintMs.median)}; React attached (the screen answers clicks) after ${ms(paint.interactiveMs.median)}.`
        : `First paint not measured: ${results.renderer.skipped ?? 'unknown reason'}.`),
  ].join('\n');
}

export function renderReport(results: BenchResults): string {
  const { machine } = results;
  const rows = results.provisioning;
  const at50 = rows.filter((r) => r.latencyMs > 0);
  const biggest = [...rows].sort((a, b) => b.customFields - a.customFields || b.latencyMs - a.latencyMs)[0];
  return [
    '# Benchmark results',
    '',
    `Run ${results.startedAt} in ${(results.durationMs / 1000).toFixed(0)} s on ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}. ` +
      `Load average ${machine.loadAverage.start.toFixed(1)} at the start, ${machine.loadAverage.end.toFixed(1)} at the end (other work on the machine slows every time below). Reproduce: \`${REPRODUCE}\`.`,
    '',
    '## Summary (targets read off the figures, never asserted)',
    '',
    summaryTables(results),
    '',
    '## Provisioning against the Salesforce emulator',
    '',
    'F generated custom fields (`Account.Bench_Field_NNNN__c`) added to the default agent access profile; activation delay 0, so activation is one token grant, counted and timed apart. ' +
      'Requests are the emulator\'s request log; "token grants" are requests to the token endpoint (activation polling). Both sides run in a worker process of their own; the naive baseline (`bench/naive-baseline.ts`) left the org in the same state as the app after enable and after disable in every case (asserted).',
    '',
    '### Enable: requests',
    '',
    table(
      [
        'F',
        'Latency',
        'Ours',
        'Floor',
        'Ours − floor',
        'Budget 10 + ⌈rows/1000⌉',
        'Naive',
        'Ours / naive',
        'Naive ÷ ours',
        'Token grants ours / naive',
      ],
      enableRequestRows(rows),
    ),
    '',
    `Floor = the dependency chain (${ENABLE_CHAIN.reduce((s, l) => s + l.requests, 0)}), with one more build Composite for every five collections past the first five (rows = F and the default profile's fields, 200 a collection). The chain assumed:`,
    chainList(ENABLE_CHAIN),
    '',
    '### Enable: time and memory (activation excluded)',
    '',
    table(
      [
        'F',
        'Latency',
        'Ours (median)',
        'Ours min – max (runs)',
        'Naive',
        'Ours / naive',
        'Activation',
        'Requests × latency',
        'Ours / (requests × latency)',
        "Same, without the emulator's own work",
        'Org time',
        'Main side',
        'Peak heap ours (growth)',
        'Peak RSS ours',
        'Peak heap naive (growth)',
      ],
      enableTimeRows(rows),
    ),
    '',
    '"Org time" = the emulator\'s time answering our requests (latency included, summed from its log); "main side" = the rest of the wall time. ' +
      '"Without the emulator\'s own work" takes out the org time beyond the added latency (the emulator computing its answers on this machine), leaving round trips plus the main side. ' +
      'Ours runs several times per case (fresh emulator each time); the run with the median enable time is the one shown everywhere.',
    '',
    "### Where enable's time goes",
    '',
    ...at50.map(timeBreakdown),
    '',
    '### Request mix of one enable',
    '',
    table(
      ['F', 'Ours', 'Naive'],
      rows
        .filter((r) => r.latencyMs === 0)
        .map((r) => [String(r.customFields), kindSummary(ours(r)?.requests.byKind ?? {}), kindSummary(naive(r)?.requests.byKind ?? {})]),
    ),
    '',
    '### Disable',
    '',
    table(['F', 'Latency', 'Ours', 'Floor', 'Naive', 'Wall ours', 'Wall naive', 'Peak heap ours (growth)'], disableRows(rows)),
    '',
    `Disable floor (${disableFloor()}):`,
    chainList(DISABLE_CHAIN),
    '',
    '### Health check (one `connection.check()`)',
    '',
    table(
      ['F', 'Latency', 'Result', 'Requests', 'Token grants', 'Wall', 'Request mix', 'Peak heap (growth)'],
      healthRows(rows.filter((r) => r.customFields === biggest?.customFields)),
    ),
    '',
    activationSection(results),
    '',
    startupSection(results),
    '',
    statusAllSection(results),
    '',
    rendererSection(results),
    '',
  ].join('\n');
}
