import { appError } from '../../../common/errors';
import type { SpendingLimits } from '../../../common/spending-types';
import { spentInPeriods } from './aggregate';
import type { Calendar } from './calendar';
import type { LoadedEntry } from './ledger-store';

export interface SpendingLimitsDeps {
  entries: () => Iterable<LoadedEntry>;
  /** The limits from Settings (a stored bad value is already replaced by "no limit" there). */
  limits: () => SpendingLimits;
  now: () => number;
  calendar: Calendar;
}

/** A reply in flight, counted towards the limits until its ledger entry is written. */
export interface Hold {
  release(): void;
}

export function formatUsd(usd: number): string {
  if (usd > 0 && usd < 0.01) return `$${usd.toFixed(4)}`;
  return `$${usd.toFixed(2)}`;
}

/**
 * The daily and monthly limits, enforced in main before anything is sent or written. Spent is the
 * ledger's total for the local day (month) plus the replies still streaming, each counted at its worst
 * case until its entry is written. A send is refused when that already reaches a limit, or when the
 * next message could take it over (its worst-case estimate, from the caller).
 */
export function createSpendingLimits(deps: SpendingLimitsDeps) {
  const inFlight = new Map<symbol, number>();

  return {
    /** Whether any limit is set (no limit: no estimate is needed before sending). */
    active(): boolean {
      const limits = deps.limits();
      return limits.dailyUsd !== null || limits.monthlyUsd !== null;
    },

    /**
     * Throws `spending_limit_reached` when a limit is reached or `nextUsd` (the next reply's worst case)
     * would go over it; otherwise holds `nextUsd` as in flight until the hold is released.
     */
    admit(nextUsd: number): Hold {
      const limits = deps.limits();
      const now = deps.now();
      const spent = spentInPeriods(deps.entries(), now, deps.calendar);
      let pending = 0;
      for (const usd of inFlight.values()) pending += usd;
      const periods = [
        {
          period: 'daily' as const,
          limitUsd: limits.dailyUsd,
          spentUsd: spent.todayUsd + pending,
          resetsAt: deps.calendar.startOfNextDay(now),
        },
        {
          period: 'monthly' as const,
          limitUsd: limits.monthlyUsd,
          spentUsd: spent.thisMonthUsd + pending,
          resetsAt: deps.calendar.startOfNextMonth(now),
        },
      ];
      for (const p of periods) {
        if (p.limitUsd === null) continue;
        const reached = p.spentUsd >= p.limitUsd;
        if (!reached && p.spentUsd + nextUsd <= p.limitUsd) continue;
        // Sums in US dollars as main writes them ("$1.50"): the window shows the message as given.
        const values = { period: p.period, limit: formatUsd(p.limitUsd), spent: formatUsd(p.spentUsd) };
        throw appError(
          'spending_limit_reached',
          reached
            ? { id: 'errors.chat.spendingLimitReached', values }
            : { id: 'errors.chat.spendingLimitWouldExceed', values: { ...values, cost: formatUsd(nextUsd) } },
          {
            spendingLimit: {
              period: p.period,
              limitUsd: p.limitUsd,
              spentUsd: Math.round(p.spentUsd * 1e10) / 1e10,
              resetsAt: new Date(p.resetsAt).toISOString(),
            },
          },
        );
      }
      const key = Symbol('reply');
      inFlight.set(key, nextUsd);
      return { release: () => void inFlight.delete(key) };
    },
  };
}

export type SpendingLimitsGuard = ReturnType<typeof createSpendingLimits>;
