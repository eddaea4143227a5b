import type { IntlShape } from 'react-intl';
import type { AppError } from '../../../common/errors';
import { formattingLocale, SOURCE_LOCALE } from '../../../common/i18n/locales';
import type { KeyInfo } from '../../../common/key-status';
import type { CostEstimate } from '../../../common/spending-types';
import { englishIntl, localeOf } from './format-intl';
import { formatUsd } from './usd';

/**
 * Colours for models in the Spending chart, picked to stay apart from each other and readable on both
 * themes. A model keeps its colour for as long as the view shows the same list (sorted by name), so the
 * legend, the bars and the table's swatches always agree.
 */
const MODEL_COLOURS = [
  '#2f6fdf',
  '#d9480f',
  '#2b8a3e',
  '#ae3ec9',
  '#e8590c',
  '#0c8599',
  '#c2255c',
  '#5c940d',
  '#6741d9',
  '#a61e4d',
];

/** One colour per model, the same for a model wherever it appears in the view. */
export function modelColours(models: readonly string[]): Map<string, string> {
  const sorted = [...new Set(models)].sort();
  return new Map(sorted.map((model, i) => [model, MODEL_COLOURS[i % MODEL_COLOURS.length] ?? '#888888']));
}

/** How far apart two dollar figures may be and still count as agreeing: a cent. */
export const AGREEMENT_TOLERANCE_USD = 0.01;

export interface LedgerComparison {
  period: 'today' | 'this month';
  ledgerUsd: number;
  openRouterUsd: number;
  agrees: boolean;
}

/**
 * Our ledger against OpenRouter's own usage for the key (`usage_daily`, `usage_monthly`), for the
 * periods both know; a period OpenRouter did not report is left out rather than guessed.
 */
export function compareLedgerWithKey(
  ledger: { todayUsd: number; thisMonthUsd: number },
  info: Pick<KeyInfo, 'usageDaily' | 'usageMonthly'>,
): LedgerComparison[] {
  const rows: LedgerComparison[] = [];
  const add = (period: LedgerComparison['period'], ledgerUsd: number, openRouterUsd: number | undefined) => {
    if (openRouterUsd === undefined) return;
    // Rounded to whole micro-dollars first, so float noise never turns a match into a discrepancy.
    const diff = Math.abs(Math.round((ledgerUsd - openRouterUsd) * 1e6)) / 1e6;
    rows.push({ period, ledgerUsd, openRouterUsd, agrees: diff <= AGREEMENT_TOLERANCE_USD });
  };
  add('today', ledger.todayUsd, info.usageDaily);
  add('this month', ledger.thisMonthUsd, info.usageMonthly);
  return rows;
}

/** `Estimate: $0.0012–$0.031`, or a plain statement when the price is not known. */
export function describeEstimate(estimate: CostEstimate, intl: IntlShape = englishIntl()): string {
  if (estimate.unknownPrice) return intl.formatMessage({ id: 'format.spending.estimateUnknown' });
  const locale = localeOf(intl);
  if (estimate.lowUsd === estimate.highUsd)
    return intl.formatMessage(
      { id: 'format.spending.estimate' },
      { amount: formatUsd(estimate.highUsd, locale) },
    );
  return intl.formatMessage(
    { id: 'format.spending.estimateRange' },
    { low: formatUsd(estimate.lowUsd, locale), high: formatUsd(estimate.highUsd, locale) },
  );
}

/** Parses a dollar limit typed in Settings: empty is "none" (null); otherwise a positive amount. */
export function parseUsdLimit(text: string): { ok: true; value: number | null } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (!/^\d+(\.\d*)?$|^\.\d+$/.test(trimmed)) return { ok: false };
  const value = Number(trimmed);
  return Number.isFinite(value) && value > 0 && value <= 1_000_000 ? { ok: true, value } : { ok: false };
}

/** English keeps its long-standing day-month-year form (`1 Jul 2026, 00:00`); others their own. */
function formatWhen(iso: string, intl: IntlShape): string {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return iso;
  const tag = formattingLocale(localeOf(intl));
  return at.toLocaleString(tag === SOURCE_LOCALE ? 'en-GB' : tag, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
  });
}

/**
 * What a send refused by a spending limit says: which limit, what it is, what was spent (with replies
 * still in progress), when it resets. Main refuses both when the limit is reached and when the next
 * message's worst case would go over it; the two read differently. Null for any other error.
 */
export function describeSpendingLimit(error: AppError, intl: IntlShape = englishIntl()): string | null {
  if (error.code !== 'spending_limit_reached' || !error.spendingLimit) return null;
  const { period, limitUsd, spentUsd, resetsAt } = error.spendingLimit;
  const locale = localeOf(intl);
  const values = {
    period,
    limit: formatUsd(limitUsd, locale),
    spent: formatUsd(spentUsd, locale),
    resetsAt: formatWhen(resetsAt, intl),
  };
  return intl.formatMessage(
    { id: spentUsd >= limitUsd ? 'format.spending.limitReached' : 'format.spending.limitWouldPass' },
    values,
  );
}

/** A date's local `YYYY-MM-DD`, the day the ledger counts it towards. */
export function localDay(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
