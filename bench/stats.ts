export interface Spread {
  n: number;
  median: number;
  min: number;
  max: number;
  /** 25th and 75th percentiles (linear interpolation). */
  p25: number;
  p75: number;
}

export function spread(samples: readonly number[]): Spread {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number): number => {
    const position = (sorted.length - 1) * q;
    const low = Math.floor(position);
    const high = Math.ceil(position);
    const lowValue = sorted[low] ?? 0;
    return lowValue + ((sorted[high] ?? lowValue) - lowValue) * (position - low);
  };
  return { n: sorted.length, median: at(0.5), min: sorted[0] ?? 0, max: sorted[sorted.length - 1] ?? 0, p25: at(0.25), p75: at(0.75) };
}
