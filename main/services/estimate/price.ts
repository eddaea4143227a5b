import type { ModelSummary } from '../../../common/chat-types';
import type { ReasoningChoice, ReasoningEffort, WebSearchSettings } from '../../../common/request-options';
import type { CostEstimate } from '../../../common/spending-types';
import { PROMPT_TOKENS_PER_SEARCH_RESULT, webSearchPrice } from './web-search-price';

/**
 * The longest reply assumed when neither Max tokens (Settings) nor the model (`top_provider.
 * max_completion_tokens`) gives one. Many providers default to about this; a reply can be longer,
 * which is why the person can set Max tokens to make the high end hold.
 */
export const DEFAULT_REPLY_CAP_TOKENS = 4_096;

/**
 * The share of the reply's token limit each effort gives to reasoning, as OpenRouter documents it
 * (docs "Reasoning Tokens": xhigh ≈ 95 %, high ≈ 80 %, medium ≈ 50 %, low ≈ 20 %, minimal ≈ 10 %, none
 * turns it off); `max` is taken as all of it.
 */
const EFFORT_SHARE: Record<ReasoningEffort, number> = {
  max: 1,
  xhigh: 0.95,
  high: 0.8,
  medium: 0.5,
  low: 0.2,
  minimal: 0.1,
  none: 0,
};

export interface PriceInput {
  /** The model id as the request would name it. */
  modelId: string;
  /** Its entry in the model list; null when it is not there. */
  model: ModelSummary | null;
  promptTokens: number;
  /** Settings' Max tokens (null: none set). */
  maxTokens: number | null;
  /** The reasoning choice that applies (the conversation's, else Settings' for this model), or null. */
  reasoning: ReasoningChoice | null;
  /** How web search runs, when it is on for this message; null when off. */
  webSearch: WebSearchSettings | null;
}

const PER_MILLION = 1_000_000;

/** Only what the request would really carry: the chat service drops a form the model does not take. */
function reasoningTokens(model: ModelSummary, choice: ReasoningChoice | null, replyCap: number) {
  const takes = model.supportedParameters.includes('reasoning') ? model.reasoning : undefined;
  if (!choice || !takes) return { budget: 0, withinReply: 0 };
  switch (choice.kind) {
    case 'off':
      return { budget: 0, withinReply: 0 };
    // A budget is a number of thinking tokens on top of the answer's own.
    case 'budget':
      return takes.supportsMaxTokens
        ? { budget: choice.maxTokens, withinReply: 0 }
        : { budget: 0, withinReply: 0 };
    // An effort is a share of the reply's limit: those tokens are already in the reply's range.
    case 'effort':
      return takes.supportedEfforts.includes(choice.effort)
        ? { budget: 0, withinReply: Math.round(EFFORT_SHARE[choice.effort] * replyCap) }
        : { budget: 0, withinReply: 0 };
  }
}

/**
 * The estimate from counted prompt tokens and the model's prices (USD per million tokens):
 * - low: the prompt at the prompt price, plus a per-request price and a web search when on;
 * - high: low, plus the longest reply (Max tokens, else the model's longest, else 4,096) at the
 *   completion price, a reasoning budget at the reasoning price (`internal_reasoning`, else the
 *   completion price), and the search results' prompt tokens.
 * Free models cost nothing but their web search. A preset (`@preset/…`) resolves to a model only
 * upstream, and a model missing from the list (or without prices) has no known price: `unknownPrice`.
 */
export function priceEstimate(input: PriceInput): CostEstimate {
  const { model, promptTokens } = input;
  const unknown = { promptTokens, lowUsd: 0, highUsd: 0, unknownPrice: true };
  if (input.modelId.startsWith('@preset/') || !model) return unknown;
  if (model.promptPricePerMTok === null || model.completionPricePerMTok === null) return unknown;

  // A free model (`isFree`: every price zero) comes out at zero from its own prices, search aside.
  const promptPrice = model.promptPricePerMTok / PER_MILLION;
  const completionPrice = model.completionPricePerMTok / PER_MILLION;
  const reasoningPrice =
    (model.extraPrices?.internalReasoningPerMTok ?? model.completionPricePerMTok) / PER_MILLION;
  const perRequest = model.extraPrices?.perRequest ?? 0;
  const search = input.webSearch ? webSearchPrice(model, input.webSearch) : 0;
  const searchTokens = input.webSearch ? input.webSearch.maxResults * PROMPT_TOKENS_PER_SEARCH_RESULT : 0;

  const replyCap = input.maxTokens ?? model.maxCompletionTokens ?? DEFAULT_REPLY_CAP_TOKENS;
  const reasoning = reasoningTokens(model, input.reasoning, replyCap);
  const lowUsd = promptTokens * promptPrice + perRequest + search;
  const highUsd =
    lowUsd +
    replyCap * completionPrice +
    reasoning.budget * reasoningPrice +
    // Effort tokens are in the reply's range at the completion price; a dearer reasoning price adds the difference.
    reasoning.withinReply * Math.max(0, reasoningPrice - completionPrice) +
    searchTokens * promptPrice;
  return { promptTokens, lowUsd, highUsd, unknownPrice: false };
}
