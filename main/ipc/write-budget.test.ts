import { describe, expect, it } from 'vitest';
import { createWriteBudget, DEFAULT_WRITE_LIMITS, throttledError, type WriteLimits } from './write-budget';

const limits: WriteLimits = { calls: { burst: 2, perMinute: 60 }, bytes: { burst: 100, perMinute: 60 } };

describe('write budget', () => {
  it('does not forget a window that is still short when many other windows come and go', () => {
    let t = 0;
    const budget = createWriteBudget(limits, () => t);
    budget.charge(1, 0);
    budget.charge(1, 0);
    for (let id = 2; id < 500; id++) budget.charge(id, 0);
    expect(budget.charge(1, 0)).toMatchObject({ allowed: false, exceeded: 'calls' });
    t += 1_000;
    expect(budget.charge(1, 0)).toEqual({ allowed: true });
  });

  it('does not drain a window when the clock steps back', () => {
    let t = 10_000;
    const budget = createWriteBudget(limits, () => t);
    budget.charge(1, 0);
    t = 0;
    expect(budget.charge(1, 0)).toEqual({ allowed: true });
    expect(budget.charge(1, 0)).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
  });

  it('a refusal takes nothing, so waiting as told is enough', () => {
    let t = 0;
    const budget = createWriteBudget(limits, () => t);
    expect(budget.charge(1, 90)).toEqual({ allowed: true });
    for (let i = 0; i < 5; i++)
      expect(budget.charge(1, 50)).toMatchObject({ allowed: false, exceeded: 'bytes' });
    const verdict = budget.charge(1, 50);
    if (verdict.allowed) throw new Error('expected a refusal');
    t += (verdict.retryAfterSeconds ?? 0) * 1000;
    expect(budget.charge(1, 50)).toEqual({ allowed: true });
  });

  it('says the limit in words a person can act on', () => {
    const calls = throttledError(
      { allowed: false, exceeded: 'calls', retryAfterSeconds: 1 },
      DEFAULT_WRITE_LIMITS,
    );
    expect(calls.message).toMatch(/more than 120 changes in a short time.*Wait 1 second, then try again/);
    const bytes = throttledError(
      { allowed: false, exceeded: 'bytes', retryAfterSeconds: 30 },
      DEFAULT_WRITE_LIMITS,
    );
    expect(bytes.message).toMatch(/sent more than 160 MB in a short time.*Wait 30 seconds/);
    expect(bytes.retryAfterSeconds).toBe(30);
  });

  it('lets the largest message the contract takes through, ten times in a row', () => {
    // chat:sendMessage takes up to 1,000,000 characters: about 3 MB as UTF-8 JSON (6 MB if every one were an
    // escaped control character).
    const budget = createWriteBudget(DEFAULT_WRITE_LIMITS, () => 0);
    for (let i = 0; i < 10; i++) expect(budget.charge(1, 3_000_000)).toEqual({ allowed: true });
  });
});
