import { describe, expect, it } from 'vitest';
import { costPerToken, linearFit, percentile, workUpTo } from './stats';

describe('benchmark statistics', () => {
  it('computes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, index) => index + 1);
    expect(percentile(values, 0.95)).toBe(95);
    expect(percentile([3, 1, 2], 0.5)).toBe(2);
    expect(percentile([], 0.95)).toBe(0);
  });

  it('shares an update between the token ranges it straddles', () => {
    const samples = [
      { first: 0, count: 10, work: 0 },
      { first: 10, count: 10, work: 0 },
    ];
    const work = [10, 30];
    expect(costPerToken(samples, work, 0, 10)).toBe(1);
    expect(costPerToken(samples, work, 5, 15)).toBe((5 + 15) / 10);
    expect(workUpTo(samples, work, 10)).toBe(10);
    expect(workUpTo(samples, work, 19)).toBe(10);
    expect(workUpTo(samples, work, 20)).toBe(40);
  });

  it('fits a line', () => {
    expect(linearFit([1, 2, 3], [3, 5, 7])).toEqual({ intercept: 1, slope: 2 });
  });
});
