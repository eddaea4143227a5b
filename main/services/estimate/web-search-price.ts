import type { ModelSummary } from '../../../common/chat-types';
import { exaRequestPrice, type WebSearchSettings } from '../../../common/request-options';

/**
 * Prompt tokens one search result adds: the results are put into the prompt. From the one real
 * recording we have (fixtures/real/streams/…-SQdqVfHTM78-…web-search-citations): a 19-token question
 * with `max_results: 2` was billed 8,618 prompt tokens, about 4,300 per result. Counted in the high
 * end only: results are often shorter.
 */
export const PROMPT_TOKENS_PER_SEARCH_RESULT = 4_300;

/**
 * What one web search costs: the model's own `pricing.web_search` for native search ("auto" uses it
 * where the model prices one), Exa's price otherwise. Firecrawl, Parallel and Perplexity, and native
 * search on a model that lists no price, have no published per-request price in the model list: Exa's
 * is used for them as the nearest known figure. Billed even on free models.
 */
export function webSearchPrice(model: ModelSummary, settings: WebSearchSettings): number {
  const native = model.extraPrices?.webSearchPerRequest ?? null;
  if ((settings.engine === 'native' || settings.engine === 'auto') && native !== null) return native;
  return exaRequestPrice(settings.maxResults);
}
