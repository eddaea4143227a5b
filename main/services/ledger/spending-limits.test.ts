import { describe, expect, it } from 'vitest';
import type { SpendingLimits } from '../../../common/spending-types';
import { createCalendar } from './calendar';
import { type LoadedEntry, loadedEntry } from './loaded-entry';
import { createSpendingLimits } from './spending-limits';
import { ledgerEntry } from './testing/entries';

const NOW = Date.parse('2026-03-10T12:00:00Z');

function limitsWith(entries: LoadedEntry[], limits: Partial<SpendingLimits>) {
  return createSpendingLimits({
    entries: () => entries,
    limits: () => ({ dailyUsd: null, monthlyUsd: null, askAboveUsd: null, ...limits }),
    now: () => NOW,
    calendar: createCalendar('UTC'),
  });
}

const spent = (at: string, costUsd: number): LoadedEntry => loadedEntry(ledgerEntry({ at, costUsd }));

describe('spending limits', () => {
  it('the monthly limit counts the whole local month and says when it resets and what to do', () => {
    const guard = limitsWith([spent('2026-03-01T00:00:00Z', 3), spent('2026-02-28T23:59:59Z', 50)], {
      monthlyUsd: 3,
    });
    expect(() => guard.admit(0)).toThrow(
      expect.objectContaining({
        error: expect.objectContaining({
          code: 'spending_limit_reached',
          message:
            'Your monthly spending limit of $3.00 is reached: $3.00 spent this month, counting replies still in progress. Nothing was sent. The limit resets on the first of next month. Raise or clear the limit in Settings → Spending.',
          spendingLimit: {
            period: 'monthly',
            limitUsd: 3,
            spentUsd: 3,
            resetsAt: '2026-04-01T00:00:00.000Z',
          },
        }),
      }),
    );
  });

  it('no limit: every send is admitted, whatever was spent', () => {
    const guard = limitsWith([spent('2026-03-10T01:00:00Z', 1_000)], {});
    expect(guard.active()).toBe(false);
    expect(() => guard.admit(1_000)).not.toThrow();
  });

  it('a reply in flight counts until it is released', () => {
    const guard = limitsWith([], { dailyUsd: 1 });
    const hold = guard.admit(0.6);
    expect(() => guard.admit(0.6)).toThrow(
      /could cost up to \$0\.60, which would go over your daily spending limit of \$1\.00 \(\$0\.60 spent today\)/,
    );
    hold.release();
    expect(() => guard.admit(0.6)).not.toThrow();
  });
});
