import { describe, expect, it } from 'vitest';
import type { KeyInfo } from '../../../common/key-status';
import { type CostEstimate, keyLimitBelowEstimate } from '../../../common/spending-types';
import { createKeyInfoMemory, rememberingKeyInfo } from './key-limit';

const info = (limitRemaining: number | null): KeyInfo => ({
  label: 'test',
  usage: 1,
  limit: limitRemaining === null ? null : 10,
  limitRemaining,
  isFreeTier: false,
});

describe('key info memory', () => {
  it('answers with the last /key figure only for the key it was about', async () => {
    const memory = createKeyInfoMemory();
    expect(memory.limitRemainingFor('sk-or-v1-aaa')).toBeNull();
    const read = rememberingKeyInfo(async (key) => info(key === 'sk-or-v1-aaa' ? 0.25 : 7), memory);
    await read('sk-or-v1-aaa');
    expect(memory.limitRemainingFor('sk-or-v1-aaa')).toBe(0.25);
    // A candidate checked afterwards (or a key that replaced it): the old figure is not about it.
    await read('sk-or-v1-bbb');
    expect(memory.limitRemainingFor('sk-or-v1-aaa')).toBeNull();
    expect(memory.limitRemainingFor('sk-or-v1-bbb')).toBe(7);
    expect(memory.limitRemainingFor(null)).toBeNull();
  });

  it('keeps no copy of the key', () => {
    const memory = createKeyInfoMemory();
    memory.remember('sk-or-v1-secretsecret', info(1));
    expect(JSON.stringify(memory)).not.toContain('secret');
  });

  it('a failed /key call remembers nothing and still fails', async () => {
    const memory = createKeyInfoMemory();
    const read = rememberingKeyInfo(async () => {
      throw new Error('offline');
    }, memory);
    await expect(read('sk-or-v1-aaa')).rejects.toThrow('offline');
    expect(memory.limitRemainingFor('sk-or-v1-aaa')).toBeNull();
  });
});

describe('keyLimitBelowEstimate', () => {
  const estimate = (over: Partial<CostEstimate>): CostEstimate => ({
    promptTokens: 10,
    lowUsd: 0.01,
    highUsd: 0.5,
    unknownPrice: false,
    ...over,
  });
  it('is true only when the key’s remaining limit is known and below the high end', () => {
    expect(keyLimitBelowEstimate(estimate({ keyLimitRemainingUsd: 0.2 }))).toBe(true);
    expect(keyLimitBelowEstimate(estimate({ keyLimitRemainingUsd: 0.5 }))).toBe(false);
    expect(keyLimitBelowEstimate(estimate({ keyLimitRemainingUsd: null }))).toBe(false);
    expect(keyLimitBelowEstimate(estimate({}))).toBe(false);
    expect(keyLimitBelowEstimate(estimate({ keyLimitRemainingUsd: 0.2, unknownPrice: true }))).toBe(false);
  });
});
