import type { IntlShape } from 'react-intl';
import type { ModelSummary } from '../../../common/chat-types';
import { formatCalendarDay } from './calendar-day';
import { englishIntl, localeOf } from './format-intl';
import { formatCost, formatUsd } from './usd';

// Every helper here takes the interface's `intl` (a component passes `useIntl()`'s); without one the
// text is English, as it always was.

/** `128K context`, `1M context`; the unit people compare models by. */
export function formatContextLength(tokens: number | null, intl: IntlShape = englishIntl()): string {
  if (tokens === null || tokens <= 0) return intl.formatMessage({ id: 'format.model.contextUnknown' });
  if (tokens >= 1_000_000) {
    const millions = Math.round(tokens / 100_000) / 10;
    return intl.formatMessage({ id: 'format.model.contextMillions' }, { millions });
  }
  if (tokens >= 1000)
    return intl.formatMessage(
      { id: 'format.model.contextThousands' },
      { thousands: Math.round(tokens / 1000) },
    );
  return intl.formatMessage({ id: 'format.model.contextTokens' }, { tokens });
}

function formatPerMillion(price: number, intl: IntlShape): string {
  // Cents from a cent up; sub-cent prices keep two significant digits rather than rounding to $0.00.
  const shown = price >= 0.01 || price === 0 ? Number(price.toFixed(2)) : Number(price.toPrecision(2));
  return formatCost(shown, localeOf(intl));
}

/** A positive price, or null: a missing price and a zero one are both left out of a listing. */
function charged(price: number | null | undefined): number | null {
  return price !== null && price !== undefined && price > 0 ? price : null;
}

/**
 * `$3.00 / $15.00 per M tokens` (prompt / completion), or `Free` (only when every price is zero: main
 * decides). A model billed per request or per image with nothing per token (FLUX-like) shows that
 * price, never `$0.00 / $0.00`.
 */
export function formatModelPrice(model: ModelSummary, intl: IntlShape = englishIntl()): string {
  if (model.isFree) return intl.formatMessage({ id: 'format.model.free' });
  const locale = localeOf(intl);
  const { promptPricePerMTok: prompt, completionPricePerMTok: completion } = model;
  const perRequest = charged(model.extraPrices?.perRequest);
  const perImage = charged(model.extraPrices?.perImage);
  if (!prompt && !completion && (perRequest !== null || perImage !== null)) {
    return perRequest !== null
      ? intl.formatMessage({ id: 'format.model.perRequest' }, { price: formatUsd(perRequest, locale) })
      : intl.formatMessage({ id: 'format.model.perImage' }, { price: formatUsd(perImage ?? 0, locale) });
  }
  if (prompt === null || completion === null) return intl.formatMessage({ id: 'format.model.priceUnknown' });
  return intl.formatMessage(
    { id: 'format.model.promptCompletion' },
    { prompt: formatPerMillion(prompt, intl), completion: formatPerMillion(completion, intl) },
  );
}

export interface PriceRow {
  label: string;
  value: string;
}

/**
 * Every price of a model, one row each, with its unit. Token prices are always listed (a null one says
 * unknown); the extra prices only when OpenRouter charges them (null and zero are left out).
 */
export function modelPriceRows(model: ModelSummary, intl: IntlShape = englishIntl()): PriceRow[] {
  const text = (id: string, values?: Record<string, string>) => intl.formatMessage({ id }, values);
  if (model.isFree) return [{ label: text('format.model.row.price'), value: text('format.model.free') }];
  const locale = localeOf(intl);
  const perMillion = (p: number) => text('format.model.perMillion', { price: formatPerMillion(p, intl) });
  const perSearch = (p: number) => text('format.model.perSearch', { price: formatUsd(p, locale) });
  const perImage = (p: number) => text('format.model.perImage', { price: formatUsd(p, locale) });
  const perRequest = (p: number) => text('format.model.perRequest', { price: formatUsd(p, locale) });
  const perM = (price: number | null) => (price === null ? text('format.model.unknown') : perMillion(price));
  const rows: PriceRow[] = [
    { label: text('format.model.row.prompt'), value: perM(model.promptPricePerMTok) },
    { label: text('format.model.row.completion'), value: perM(model.completionPricePerMTok) },
  ];
  const extra = model.extraPrices;
  const add = (labelId: string, price: number | null | undefined, unit: (p: number) => string) => {
    const value = charged(price);
    if (value !== null) rows.push({ label: text(labelId), value: unit(value) });
  };
  add('format.model.row.cacheRead', extra?.cacheReadPerMTok, perMillion);
  add('format.model.row.cacheWrite', extra?.cacheWritePerMTok, perMillion);
  add('format.model.row.internalReasoning', extra?.internalReasoningPerMTok, perMillion);
  add('format.model.row.webSearch', extra?.webSearchPerRequest, perSearch);
  add('format.model.row.image', extra?.perImage, perImage);
  add('format.model.row.request', extra?.perRequest, perRequest);
  return rows;
}

/** `16,384 tokens`: the longest reply the model can give; null when OpenRouter gives no cap. */
export function formatMaxCompletion(
  tokens: number | null | undefined,
  intl: IntlShape = englishIntl(),
): string | null {
  return tokens ? intl.formatMessage({ id: 'format.model.maxCompletion' }, { count: tokens }) : null;
}

/** A knowledge cutoff day `2023-10-01` as `1 Oct 2023`; anything else OpenRouter wrote, as written. */
export function formatKnowledgeCutoff(cutoff: string, intl: IntlShape = englishIntl()): string {
  return formatCalendarDay(cutoff, localeOf(intl));
}
