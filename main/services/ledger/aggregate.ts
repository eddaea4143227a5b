import type { SpendingDay, SpendingSummary } from '../../../common/spending-types';
import type { Calendar } from './calendar';
import type { LoadedEntry } from './ledger-store';

/** Sums in USD kept as floating point add up sub-cent costs; rounded to 1e-10 USD for display only. */
const tidy = (usd: number) => Math.round(usd * 1e10) / 1e10;

/** Spent in the local day and month holding `now` (the limits' periods). */
export function spentInPeriods(
  entries: Iterable<LoadedEntry>,
  now: number,
  calendar: Calendar,
): { todayUsd: number; thisMonthUsd: number } {
  const dayStart = calendar.startOfDay(now);
  const monthStart = calendar.startOfMonth(now);
  let todayUsd = 0;
  let thisMonthUsd = 0;
  for (const { costUsd, ms } of entries) {
    if (ms < monthStart) continue;
    thisMonthUsd += costUsd;
    if (ms >= dayStart) todayUsd += costUsd;
  }
  return { todayUsd, thisMonthUsd };
}

/**
 * The Spending view's figures: the last `days` local days (oldest first, every day present), each split
 * by model, the totals per model over the range, today and this month. One pass over the ledger; the
 * day of an entry is found by binary search among the range's local midnights (no date formatting per
 * entry: 100,000 entries must aggregate in a few milliseconds).
 */
export function summarize(
  entries: Iterable<LoadedEntry>,
  opts: { days: number; now: number; calendar: Calendar; damaged: number },
): SpendingSummary {
  const { calendar, now } = opts;
  // starts[i] is the local midnight beginning day i (oldest first); the range ends at the next midnight.
  const starts = new Array<number>(opts.days);
  let start = calendar.startOfDay(now);
  for (let i = opts.days - 1; i >= 0; i--) {
    starts[i] = start;
    start = calendar.startOfDay(start - 1);
  }
  const rangeStart = starts[0] as number;
  const rangeEnd = calendar.startOfNextDay(now);
  const days: SpendingDay[] = starts.map((s) => ({
    day: calendar.dayKey(s),
    totalUsd: 0,
    byModel: {},
    estimated: false,
  }));
  const models = new Map<string, { totalUsd: number; replies: number }>();
  const monthStart = calendar.startOfMonth(now);
  let thisMonthUsd = 0;
  // The entry's own fields (not `.entry`): a snapshot-restored entry answers them without being built.
  for (const entry of entries) {
    const { ms } = entry;
    if (ms >= monthStart && ms < rangeEnd) thisMonthUsd += entry.costUsd;
    if (ms < rangeStart || ms >= rangeEnd) continue;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= ms) lo = mid;
      else hi = mid - 1;
    }
    const day = days[lo] as SpendingDay;
    day.totalUsd += entry.costUsd;
    day.byModel[entry.model] = (day.byModel[entry.model] ?? 0) + entry.costUsd;
    if (entry.accuracy === 'estimated') day.estimated = true;
    const model = models.get(entry.model);
    if (model) {
      model.totalUsd += entry.costUsd;
      model.replies++;
    } else models.set(entry.model, { totalUsd: entry.costUsd, replies: 1 });
  }
  let rangeTotalUsd = 0;
  for (const day of days) {
    day.totalUsd = tidy(day.totalUsd);
    for (const model of Object.keys(day.byModel)) day.byModel[model] = tidy(day.byModel[model] as number);
    rangeTotalUsd += day.totalUsd;
  }
  const last = days[days.length - 1];
  return {
    days,
    todayUsd: last ? last.totalUsd : 0,
    thisMonthUsd: tidy(thisMonthUsd),
    byModel: [...models]
      .map(([model, m]) => ({ model, totalUsd: tidy(m.totalUsd), replies: m.replies }))
      .sort((a, b) => b.totalUsd - a.totalUsd || a.model.localeCompare(b.model)),
    rangeTotalUsd: tidy(rangeTotalUsd),
    damaged: opts.damaged,
  };
}

/** One conversation's total (the conversation header). */
export function conversationSpending(
  entries: Iterable<LoadedEntry>,
  conversationId: string,
): { totalUsd: number; replies: number; estimated: boolean } {
  let totalUsd = 0;
  let replies = 0;
  let estimated = false;
  for (const entry of entries) {
    if (entry.conversationId !== conversationId) continue;
    totalUsd += entry.costUsd;
    replies++;
    if (entry.accuracy === 'estimated') estimated = true;
  }
  return { totalUsd: tidy(totalUsd), replies, estimated };
}
