import type { ModelSummary } from '../../../common/chat-types';
import { formatUsd } from './usd';

/** `128K context`, `1M context`; the unit people compare models by. */
export function formatContextLength(tokens: number | null): string {
  if (tokens === null || tokens <= 0) return 'Context unknown';
  if (tokens >= 1_000_000) {
    const millions = Math.round(tokens / 100_000) / 10;
    return `${Number.isInteger(millions) ? millions.toFixed(0) : millions.toFixed(1)}M context`;
  }
  if (tokens >= 1000) return `${Math.round(tokens / 1000)}K context`;
  return `${tokens} context`;
}

function formatPerMillion(price: number): string {
  if (price >= 0.01 || price === 0) return `$${price.toFixed(2)}`;
  // Sub-cent prices: keep two significant digits rather than rounding to $0.00.
  return `$${price.toPrecision(2).replace(/0+$/, '')}`;
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
export function formatModelPrice(model: ModelSummary): string {
  if (model.isFree) return 'Free';
  const { promptPricePerMTok: prompt, completionPricePerMTok: completion } = model;
  const perRequest = charged(model.extraPrices?.perRequest);
  const perImage = charged(model.extraPrices?.perImage);
  if (!prompt && !completion && (perRequest !== null || perImage !== null)) {
    return perRequest !== null
      ? `${formatUsd(perRequest)} per request`
      : `${formatUsd(perImage ?? 0)} per image`;
  }
  if (prompt === null || completion === null) return 'Price unknown';
  return `${formatPerMillion(prompt)} / ${formatPerMillion(completion)} per M tokens`;
}

export interface PriceRow {
  label: string;
  value: string;
}

/**
 * Every price of a model, one row each, with its unit. Token prices are always listed (a null one says
 * unknown); the extra prices only when OpenRouter charges them (null and zero are left out).
 */
export function modelPriceRows(model: ModelSummary): PriceRow[] {
  if (model.isFree) return [{ label: 'Price', value: 'Free' }];
  const perM = (price: number | null) =>
    price === null ? 'Unknown' : `${formatPerMillion(price)} per M tokens`;
  const rows: PriceRow[] = [
    { label: 'Prompt', value: perM(model.promptPricePerMTok) },
    { label: 'Completion', value: perM(model.completionPricePerMTok) },
  ];
  const extra = model.extraPrices;
  const add = (label: string, price: number | null | undefined, unit: (p: number) => string) => {
    const value = charged(price);
    if (value !== null) rows.push({ label, value: unit(value) });
  };
  add('Cache read', extra?.cacheReadPerMTok, (p) => `${formatPerMillion(p)} per M tokens`);
  add('Cache write', extra?.cacheWritePerMTok, (p) => `${formatPerMillion(p)} per M tokens`);
  add('Internal reasoning', extra?.internalReasoningPerMTok, (p) => `${formatPerMillion(p)} per M tokens`);
  add('Web search', extra?.webSearchPerRequest, (p) => `${formatUsd(p)} per search`);
  add('Image', extra?.perImage, (p) => `${formatUsd(p)} per image`);
  add('Request', extra?.perRequest, (p) => `${formatUsd(p)} per request`);
  return rows;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** `16,384 tokens`: the longest reply the model can give; null when OpenRouter gives no cap. */
export function formatMaxCompletion(tokens: number | null | undefined): string | null {
  return tokens ? `${integer.format(tokens)} tokens` : null;
}

/** A knowledge cutoff day `2023-10-01` as `1 Oct 2023`; anything else OpenRouter wrote, as written. */
export function formatKnowledgeCutoff(cutoff: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(cutoff)) return cutoff;
  const date = new Date(`${cutoff}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return cutoff;
  return date.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
}
