import { describe, expect, it } from 'vitest';
import { rowAt, rowStarts, rowsBetween } from './row-offsets';

describe('row offsets', () => {
  const heights: Record<string, number> = { a: 100, b: 50, c: 200 };
  const starts = rowStarts(['a', 'b', 'c', 'd'], (id) => heights[id] ?? 10);

  it('starts each row where the rows before it end, with the estimate for unmeasured ones', () => {
    expect([...starts]).toEqual([0, 100, 150, 350, 360]);
  });

  it('finds the row covering a position, clamped to the rows there are', () => {
    expect(rowAt(starts, -5)).toBe(0);
    expect(rowAt(starts, 0)).toBe(0);
    expect(rowAt(starts, 99.5)).toBe(0);
    expect(rowAt(starts, 100)).toBe(1);
    expect(rowAt(starts, 349)).toBe(2);
    expect(rowAt(starts, 10_000)).toBe(3);
  });

  it('gives the rows overlapping a stretch, at least one', () => {
    expect(rowsBetween(starts, 120, 160)).toEqual({ start: 1, end: 3 });
    expect(rowsBetween(starts, -400, 10_000)).toEqual({ start: 0, end: 4 });
    expect(rowsBetween(starts, 5_000, 6_000)).toEqual({ start: 3, end: 4 });
    expect(
      rowsBetween(
        rowStarts([], () => 1),
        0,
        100,
      ),
    ).toEqual({ start: 0, end: 0 });
  });
});
