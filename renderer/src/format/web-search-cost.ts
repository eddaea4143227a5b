import type { ModelSummary } from '../../../common/chat-types';
import { exaRequestPrice, type WebSearchSettings } from '../../../common/request-options';
import { formatUsd } from './usd';

/**
 * What one web search will cost, said before sending: from the model's own `pricing.web_search` for
 * the model's native search, and Exa's per-request price for Exa; "auto" uses native search where the
 * model prices it and Exa otherwise. Free models are not free here, and the note says so.
 */
export function webSearchCostNote(model: ModelSummary | undefined, settings: WebSearchSettings): string {
  const native = model?.extraPrices?.webSearchPerRequest ?? null;
  const exa = exaRequestPrice(settings.maxResults);
  const results = `up to ${settings.maxResults} result${settings.maxResults === 1 ? '' : 's'}`;
  let price: string;
  switch (settings.engine) {
    case 'exa':
      price = `about ${formatUsd(exa)} per search (Exa, ${results})`;
      break;
    case 'native':
      price =
        native !== null
          ? `${formatUsd(native)} per search (the model's own search, ${results})`
          : `billed per search at the model's own price, which OpenRouter does not list for this model (${results})`;
      break;
    case 'auto':
      price =
        native !== null
          ? `${formatUsd(native)} per search (the model's own search, ${results})`
          : `about ${formatUsd(exa)} per search (Exa, ${results})`;
      break;
    default:
      price = `billed per search by ${settings.engine}, at a price OpenRouter does not list (${results})`;
  }
  const free = model?.isFree
    ? ' Not free on free models: this is charged even though the model is free.'
    : '';
  return `Web search costs ${price}, on top of the tokens.${free}`;
}
