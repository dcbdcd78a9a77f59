import { describe, expect, it } from 'vitest';
import { lagOf } from './activation-lag';

const token = '/services/oauth2/token';
const at = (ms: number) => new Date(ms).toISOString();

describe('activation lag', () => {
  it('runs from the key being accepted to the first accepted token request after it, counting every token request', () => {
    const log = [
      { at: at(1_000), path: '/services/Soap/m/66.0', status: 200 },
      { at: at(2_000), path: token, status: 400 },
      { at: at(7_000), path: token, status: 400 },
      { at: at(12_000), path: token, status: 200 },
      { at: at(12_100), path: '/services/data/v66.0/composite', status: 200 },
    ];
    expect(lagOf(10_000, log)).toEqual({ lagMs: 2_000, tokenRequests: 3 });
  });

  it('refuses a run in which the agent never signed in', () => {
    expect(() => lagOf(10_000, [{ at: at(12_000), path: token, status: 400 }])).toThrow(/never signed the agent in/);
  });
});
