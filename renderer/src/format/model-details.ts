import type { ModelSummary } from '../../../common/chat-types';

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

/** `$3.00 / $15.00 per M tokens` (prompt / completion), or `Free`. */
export function formatModelPrice(model: ModelSummary): string {
  if (model.isFree) return 'Free';
  const { promptPricePerMTok: prompt, completionPricePerMTok: completion } = model;
  if (prompt === null || completion === null) return 'Price unknown';
  return `${formatPerMillion(prompt)} / ${formatPerMillion(completion)} per M tokens`;
}
