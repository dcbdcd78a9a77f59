/** Peak memory of this process while a phase runs: samples on a short timer plus one at the end. */
export interface MemorySampler {
  stop(): { heapBaselineBytes: number; heapPeakBytes: number; rssPeakBytes: number };
}

const SAMPLE_EVERY_MS = 5;

export function sampleMemory(): MemorySampler {
  // A forced GC (the worker runs with --expose-gc) makes the baseline what is really live, not garbage.
  globalThis.gc?.();
  const first = process.memoryUsage();
  const heapBaselineBytes = first.heapUsed;
  let heapPeakBytes = first.heapUsed;
  let rssPeakBytes = first.rss;
  const sample = () => {
    const now = process.memoryUsage();
    heapPeakBytes = Math.max(heapPeakBytes, now.heapUsed);
    rssPeakBytes = Math.max(rssPeakBytes, now.rss);
  };
  const timer = setInterval(sample, SAMPLE_EVERY_MS);
  return {
    stop() {
      sample();
      clearInterval(timer);
      return { heapBaselineBytes, heapPeakBytes, rssPeakBytes };
    },
  };
}
