import { describe, expect, it } from 'vitest';
import type { StatusAllResult } from './results';
import { spread } from './stats';
import { statusAllChecks } from './targets';

const result = (wall: number[], slowest: number[]): StatusAllResult => ({
  latenciesMs: [20, 50, 100],
  wallMs: spread(wall),
  slowestMs: spread(slowest),
  sumMs: spread(slowest.map((s) => s * 1.8)),
  requestsPerOrg: 2,
  tokenGrantsPerOrg: 1,
});

describe('status --all targets', () => {
  it('is met when the orgs run side by side: wall close to the slowest org', () => {
    const [time, cost] = statusAllChecks(result([340, 350, 330], [320, 325, 318]));
    expect(time?.met).toBe(true);
    expect(time?.figure).toMatch(/^340 ms = 1\.06 x 320 ms/);
    expect(cost?.met).toBe(true);
  });

  it('is missed when the orgs are checked one after another', () => {
    const [time] = statusAllChecks(result([570, 580, 560], [320, 325, 318]));
    expect(time?.met).toBe(false);
  });

  it('is missed when a check costs more than 3 requests and a token grant', () => {
    const [, cost] = statusAllChecks({ ...result([340], [320]), requestsPerOrg: 5 });
    expect(cost?.met).toBe(false);
  });
});
