import type { Approach, Phase } from './protocol';
import type { RequestCount } from './requests';
import type { Spread } from './stats';

/** One phase (enable, health check, disable) of one approach, as the bench measured it. */
export interface PhaseResult {
  outcome: string;
  requests: RequestCount;
  wallMs: number;
  /** Inside the activation step: token grants and any wait between them. */
  activationMs: number;
  /** The app's steps (ours only; the naive baseline reports its activation): ms from running to done. */
  stepMs: Record<string, number>;
  /** Wall time with the activation step taken out: what the targets compare. */
  wallExActivationMs: number;
  heapBaselineBytes: number;
  heapPeakBytes: number;
  rssPeakBytes: number;
}

export type ApproachResult = Partial<Record<Phase, PhaseResult>>;

export interface ProvisioningResult {
  customFields: number;
  latencyMs: number;
  /** Ours: the run with the median enable time (of several); naive: its one run. */
  results: Record<Approach, ApproachResult>;
  /** Enable's wall time (activation aside) over all of ours' runs: how much the machine's noise moves it. */
  oursEnableWallExActivationMs: Spread;
  /** The naive baseline left the org exactly as the app did, after enable and after disable. */
  sameEndState: boolean;
}

export interface ChunkSize {
  file: string;
  rawBytes: number;
  gzipBytes: number;
  firstScreen: boolean;
}

export interface RendererResult {
  chunks: ChunkSize[];
  firstScreen: { rawBytes: number; gzipBytes: number };
  firstPaint: {
    loads: number;
    /** Milestones of each load, from navigation start: HTML received, scripts received, scripts run. */
    documentMs: Spread;
    scriptsMs: Spread;
    domContentLoadedMs: Spread;
    /** The first browser-mode API call sent, and the last one answered (the screen waits for them). */
    apiFirstStartMs: Spread;
    apiLastEndMs: Spread;
    /** Browser's first-contentful-paint entry. */
    firstContentfulPaintMs: Spread;
    /** Until the Connectors screen's "Agent connections" heading was in a painted frame. */
    headingVisibleMs: Spread;
    /** Until the connector list showed Dynamics 365 Sales (the product's two connectors show before main's list arrives). */
    connectorsListedMs: Spread;
    /** Until React had taken over the screen (the pre-rendered HTML answers clicks only from then). */
    interactiveMs: Spread;
    /** The heading again, with Chromium's own browser UI left on (it competes for the cores; Electron has none). */
    headingWithBrowserUiMs?: Spread;
  } | null;
  /** Why the first paint was not measured (e.g. no browser here). */
  skipped?: string;
}

export interface Machine {
  cores: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  platform: string;
  /** 1-minute load average at the start and end of the run: other work on the machine skews times. */
  loadAverage: { start: number; end: number };
}

/** One enable against an emulator that refuses the new app's key for `delayMs` after its creation. */
export interface ActivationLagRun {
  delayMs: number;
  /** `real`: waited in real time; `emulator`: the app's waits on the emulator's clock. */
  clock: 'real' | 'emulator';
  /** From the emulator accepting the key to the app's accepted token request. */
  lagMs: number;
  /** Token requests of the enable (activation polling, the accepted one included). */
  tokenRequests: number;
}

/** Enables whose acceptance falls between two of the app's attempts, early and late in the wait. */
export interface ActivationLagResult {
  /** The app's pace between two attempts. */
  pollMs: number;
  runs: ActivationLagRun[];
  lagMs: Spread;
  tokenRequests: Spread;
}

/** The command line's start-up: medians of `runs` new processes each, side by side in one run. */
export interface StartupResult {
  runs: number;
  /** `agent-connections version` (the bundle). */
  version: Spread;
  /** `agent-connections status --json` against the emulator, with a stored session and a connection to check. */
  statusJson: Spread;
  /** The emulator's own time answering that status's requests (the org's round trips). */
  statusOrgMs: Spread;
  /** The Salesforce CLI's `sf --version`. */
  sfVersion: Spread;
  sfVersionText: string;
}

/** `status --all` over orgs answering at different latencies, against each org's check alone. */
export interface StatusAllResult {
  latenciesMs: number[];
  /** All orgs checked together (at most four at a time). */
  wallMs: Spread;
  /** The slowest single org's check, in the same round. */
  slowestMs: Spread;
  /** The single checks one after another. */
  sumMs: Spread;
  /** Per org and check, token grants apart. */
  requestsPerOrg: number;
  tokenGrantsPerOrg: number;
}

export interface BenchResults {
  startedAt: string;
  durationMs: number;
  machine: Machine;
  provisioning: ProvisioningResult[];
  /** Absent in results from before it was measured, or when skipped (--activation-runs 0). */
  activation?: ActivationLagResult;
  /** Absent in results from before it was measured, or when skipped (--startup-runs 0). */
  startup?: StartupResult;
  /** Absent in results from before it was measured, or when skipped (--status-all-runs 0). */
  statusAll?: StatusAllResult;
  renderer: RendererResult;
}
