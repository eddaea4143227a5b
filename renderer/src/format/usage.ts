import type { IntlShape } from 'react-intl';
import type { ModelSummary, Usage } from '../../../common/chat-types';
import { englishIntl, localeOf } from './format-intl';
import { formatTokens } from './tokens';
import { formatUsd } from './usd';

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

/**
 * The parts of a reply's usage line after its token counts, in reading order: every figure OpenRouter
 * billed, so nothing the person paid for is hidden. Figures OpenRouter did not report are left out
 * (a zero is shown only where it is news: never).
 */
export function usageDetails(
  usage: Usage,
  pricing?: CachePricing,
  intl: IntlShape = englishIntl(),
): string[] {
  const count = (id: string, n: number) => intl.formatMessage({ id }, { count: n });
  const parts = [formatTokens(usage, intl)];
  if (usage.reasoningTokens) parts.push(count('format.usage.reasoningTokens', usage.reasoningTokens));
  if (usage.cachedPromptTokens) {
    const cached = count('format.usage.cachedTokens', usage.cachedPromptTokens);
    const saved = cacheDiscount(usage.cachedPromptTokens, pricing);
    parts.push(
      saved === null
        ? cached
        : intl.formatMessage(
            { id: 'format.usage.cachedSaved' },
            { cached, amount: formatUsd(saved, localeOf(intl)) },
          ),
    );
  }
  if (usage.cacheWriteTokens) parts.push(count('format.usage.cacheWriteTokens', usage.cacheWriteTokens));
  if (usage.imageTokens) parts.push(count('format.usage.imageTokens', usage.imageTokens));
  if (usage.webSearchRequests) parts.push(count('format.usage.webSearches', usage.webSearchRequests));
  return parts;
}

/** `BYOK: upstream $0.0012` for a reply run on the person's own provider key; null otherwise. */
export function byokNote(usage: Usage | null, intl: IntlShape = englishIntl()): string | null {
  if (!usage?.isByok) return null;
  return usage.upstreamCost === undefined
    ? intl.formatMessage({ id: 'format.usage.byok' })
    : intl.formatMessage(
        { id: 'format.usage.byokUpstream' },
        { amount: formatUsd(usage.upstreamCost, localeOf(intl)) },
      );
}
