import type { ModelSummary, Usage } from '../../../common/chat-types';
import { formatTokens } from './tokens';
import { formatUsd } from './usd';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** The prices a cache discount is worked out from; any of them may be unknown. */
export type CachePricing = Pick<ModelSummary, 'promptPricePerMTok' | 'extraPrices'>;

/**
 * What reading `cachedTokens` from the cache saved compared with sending them as ordinary prompt
 * tokens, in USD; null when either price is unknown (then only the count is shown).
 */
export function cacheDiscount(cachedTokens: number, pricing: CachePricing | undefined): number | null {
  const prompt = pricing?.promptPricePerMTok ?? null;
  const cacheRead = pricing?.extraPrices?.cacheReadPerMTok ?? null;
  if (prompt === null || cacheRead === null || cachedTokens <= 0) return null;
  const saved = (cachedTokens * (prompt - cacheRead)) / 1_000_000;
  return saved > 0 ? saved : null;
}

function plural(count: number, one: string, many: string): string {
  return `${integer.format(count)} ${count === 1 ? one : many}`;
}

/**
 * The parts of a reply's usage line after its token counts, in reading order: every figure OpenRouter
 * billed, so nothing the person paid for is hidden. Figures OpenRouter did not report are left out
 * (a zero is shown only where it is news: never).
 */
export function usageDetails(usage: Usage, pricing?: CachePricing): string[] {
  const parts = [formatTokens(usage)];
  if (usage.reasoningTokens) parts.push(plural(usage.reasoningTokens, 'reasoning token', 'reasoning tokens'));
  if (usage.cachedPromptTokens) {
    const cached = plural(usage.cachedPromptTokens, 'cached prompt token', 'cached prompt tokens');
    const saved = cacheDiscount(usage.cachedPromptTokens, pricing);
    parts.push(saved === null ? cached : `${cached} (saved ${formatUsd(saved)})`);
  }
  if (usage.cacheWriteTokens) {
    parts.push(plural(usage.cacheWriteTokens, 'token written to cache', 'tokens written to cache'));
  }
  if (usage.imageTokens) parts.push(plural(usage.imageTokens, 'image token', 'image tokens'));
  if (usage.webSearchRequests) parts.push(plural(usage.webSearchRequests, 'web search', 'web searches'));
  return parts;
}

/** `BYOK: upstream $0.0012` for a reply run on the person's own provider key; null otherwise. */
export function byokNote(usage: Usage | null): string | null {
  if (!usage?.isByok) return null;
  return usage.upstreamCost === undefined ? 'BYOK' : `BYOK: upstream ${formatUsd(usage.upstreamCost)}`;
}
