import { availableParallelism, cpus, loadavg, platform, release, totalmem } from 'node:os';
import type { Machine } from './results';

export function machineAtStart(): Omit<Machine, 'loadAverage'> & { loadAverage: { start: number } } {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${platform()} ${release()}`,
    loadAverage: { start: loadavg()[0] ?? 0 },
  };
}

export function machineAtEnd(start: ReturnType<typeof machineAtStart>): Machine {
  return { ...start, loadAverage: { start: start.loadAverage.start, end: loadavg()[0] ?? 0 } };
}
