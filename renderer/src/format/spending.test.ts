import { describe, expect, it } from 'vitest';
import {
  compareLedgerWithKey,
  describeEstimate,
  describeSpendingLimit,
  modelColours,
  parseUsdLimit,
} from './spending';

describe('modelColours', () => {
  it('gives each model its own colour, the same whatever order the models come in', () => {
    const a = modelColours(['openai/gpt-4o', 'anthropic/claude', 'google/gemini']);
    const b = modelColours(['google/gemini', 'openai/gpt-4o', 'anthropic/claude']);
    expect([...a.entries()]).toEqual([...b.entries()]);
    expect(new Set(a.values()).size).toBe(3);
  });
});

describe('compareLedgerWithKey', () => {
  it('agrees within a cent and reports a larger gap with both figures', () => {
    const rows = compareLedgerWithKey(
      { todayUsd: 0.125, thisMonthUsd: 3.2 },
      { usageDaily: 0.13, usageMonthly: 4.05 },
    );
    expect(rows).toEqual([
      { period: 'today', ledgerUsd: 0.125, openRouterUsd: 0.13, agrees: true },
      { period: 'this month', ledgerUsd: 3.2, openRouterUsd: 4.05, agrees: false },
    ]);
  });

  it('treats exactly a cent apart as agreeing despite float noise, and a bit more as not', () => {
    expect(compareLedgerWithKey({ todayUsd: 0.3, thisMonthUsd: 0 }, { usageDaily: 0.31 })[0]?.agrees).toBe(
      true,
    );
    expect(compareLedgerWithKey({ todayUsd: 0.3, thisMonthUsd: 0 }, { usageDaily: 0.3101 })[0]?.agrees).toBe(
      false,
    );
  });

  it('leaves out a period OpenRouter did not report', () => {
    expect(compareLedgerWithKey({ todayUsd: 1, thisMonthUsd: 2 }, {})).toEqual([]);
  });
});

describe('describeEstimate', () => {
  it('shows the range with enough digits for small costs', () => {
    expect(describeEstimate({ promptTokens: 10, lowUsd: 0.0012, highUsd: 0.031, unknownPrice: false })).toBe(
      'Estimate: $0.0012–$0.031',
    );
  });
  it('says when the price is unknown', () => {
    expect(describeEstimate({ promptTokens: 10, lowUsd: 0, highUsd: 0, unknownPrice: true })).toBe(
      'Estimate: unknown price for this model',
    );
  });
});

describe('parseUsdLimit', () => {
  it('takes empty as no limit and a positive amount as the limit', () => {
    expect(parseUsdLimit('  ')).toEqual({ ok: true, value: null });
    expect(parseUsdLimit('2.50')).toEqual({ ok: true, value: 2.5 });
    expect(parseUsdLimit('.5')).toEqual({ ok: true, value: 0.5 });
    // Half-typed "2." is read as 2, not refused while the person is still typing.
    expect(parseUsdLimit('2.')).toEqual({ ok: true, value: 2 });
  });
  it('refuses negative, zero, non-numeric and absurd amounts', () => {
    for (const bad of ['-1', '0', 'abc', '1e3', '1,5', '2000000', 'NaN']) {
      expect(parseUsdLimit(bad)).toEqual({ ok: false });
    }
  });
});

describe('describeSpendingLimit', () => {
  it('names the limit, the spend and when it resets', () => {
    const text = describeSpendingLimit({
      code: 'spending_limit_reached',
      message: 'Daily limit reached',
      spendingLimit: { period: 'daily', limitUsd: 1, spentUsd: 1.02, resetsAt: '2026-12-07T00:00:00' },
    });
    expect(text).toBe(
      'Your daily spending limit of $1.00 is reached: $1.02 spent today. It resets on 7 Dec 2026, 00:00.',
    );
  });
  it('says when the next message could go over a limit not yet reached', () => {
    const text = describeSpendingLimit({
      code: 'spending_limit_reached',
      message: 'Over',
      spendingLimit: { period: 'monthly', limitUsd: 5, spentUsd: 4.99, resetsAt: '2027-01-01T00:00:00' },
    });
    expect(text).toBe(
      'This message could go over your monthly spending limit of $5.00 ($4.99 spent this month). It resets on 1 Jan 2027, 00:00.',
    );
  });
  it('is null for other errors', () => {
    expect(describeSpendingLimit({ code: 'offline', message: 'Offline' })).toBeNull();
  });
});
