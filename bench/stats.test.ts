import { describe, expect, it } from 'vitest';
import { spread } from './stats';

describe('spread of samples', () => {
  it('gives the median and quartiles of unsorted samples', () => {
    expect(spread([5, 1, 4, 2, 3])).toEqual({ n: 5, median: 3, min: 1, max: 5, p25: 2, p75: 4 });
  });

  it('interpolates between the two middle samples of an even count', () => {
    const s = spread([10, 20, 30, 40]);
    expect(s.median).toBe(25);
    expect(s.p25).toBe(17.5);
    expect(s.p75).toBe(32.5);
  });

  it('refuses to summarise nothing', () => {
    expect(() => spread([])).toThrow();
  });
});
