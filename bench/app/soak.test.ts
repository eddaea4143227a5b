import { describe, expect, it } from 'vitest';
import { soakCheckpoints } from './soak';

describe('soakCheckpoints', () => {
  it('keeps the checkpoints given up to the replies run', () => {
    expect(soakCheckpoints([20, 50, 100, 150, 200], 200)).toEqual([20, 50, 100, 150, 200]);
    expect(soakCheckpoints([20, 50, 100, 150, 200], 120)).toEqual([20, 50, 100]);
  });

  it('adds one every 100 replies past the last one given', () => {
    expect(soakCheckpoints([20, 50, 100, 150, 200], 600)).toEqual([
      20, 50, 100, 150, 200, 300, 400, 500, 600,
    ]);
    expect(soakCheckpoints([20, 50], 250)).toEqual([20, 50, 100, 200]);
  });
});
