import type { ExtraPrices, ModelSummary } from '../../../../common/chat-types';
import type { ModelReasoning } from '../../../../common/request-options';

export const EXTRA_PRICES: ExtraPrices = {
  cacheReadPerMTok: 0.3,
  cacheWritePerMTok: 3.75,
  internalReasoningPerMTok: null,
  webSearchPerRequest: null,
  perImage: null,
  perRequest: null,
};

export const REASONING: ModelReasoning = {
  supportedEfforts: ['high', 'medium', 'low'],
  defaultEffort: null,
  defaultEnabled: false,
  mandatory: false,
  supportsMaxTokens: true,
};

/** A priced model for estimate tests: $3 per million prompt tokens, $15 per million completion tokens. */
export function pricedModel(overrides: Partial<ModelSummary> = {}): ModelSummary {
  return {
    id: 'anthropic/claude-sonnet-4',
    name: 'Anthropic: Claude Sonnet 4',
    contextLength: 200_000,
    promptPricePerMTok: 3,
    completionPricePerMTok: 15,
    inputModalities: ['text'],
    outputModalities: ['text'],
    supportedParameters: ['max_tokens', 'reasoning'],
    isFree: false,
    maxCompletionTokens: 64_000,
    extraPrices: EXTRA_PRICES,
    reasoning: REASONING,
    ...overrides,
  };
}
