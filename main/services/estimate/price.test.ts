import { describe, expect, it } from 'vitest';
import { DEFAULT_REPLY_CAP_TOKENS, type PriceInput, priceEstimate } from './price';
import { EXTRA_PRICES, pricedModel, REASONING } from './testing/models';
import { PROMPT_TOKENS_PER_SEARCH_RESULT } from './web-search-price';

const input = (overrides: Partial<PriceInput> = {}): PriceInput => ({
  modelId: 'anthropic/claude-sonnet-4',
  model: pricedModel(),
  promptTokens: 1_000,
  maxTokens: null,
  reasoning: null,
  webSearch: null,
  ...overrides,
});

describe('priceEstimate', () => {
  it('low is the prompt at the prompt price; high adds the longest reply at the completion price', () => {
    const e = priceEstimate(input({ maxTokens: 2_000 }));
    expect(e.unknownPrice).toBe(false);
    expect(e.lowUsd).toBeCloseTo(0.003, 12); // 1,000 × $3/M
    expect(e.highUsd).toBeCloseTo(0.003 + 0.03, 12); // + 2,000 × $15/M
  });

  it('the reply cap is Max tokens, else the model’s longest reply, else 4,096', () => {
    expect(priceEstimate(input()).highUsd).toBeCloseTo(0.003 + 64_000 * 15e-6, 12);
    const noCap = priceEstimate(input({ model: pricedModel({ maxCompletionTokens: null }) }));
    expect(noCap.highUsd).toBeCloseTo(0.003 + DEFAULT_REPLY_CAP_TOKENS * 15e-6, 12);
  });

  it('a model not in the list, one without prices, and a preset have no known price', () => {
    expect(priceEstimate(input({ model: null }))).toEqual({
      promptTokens: 1_000,
      lowUsd: 0,
      highUsd: 0,
      unknownPrice: true,
    });
    expect(priceEstimate(input({ model: pricedModel({ promptPricePerMTok: null }) })).unknownPrice).toBe(
      true,
    );
    expect(priceEstimate(input({ modelId: '@preset/daily-driver' })).unknownPrice).toBe(true);
  });

  it('a free model costs nothing, but its web search does', () => {
    const free = pricedModel({
      id: 'x/y:free',
      promptPricePerMTok: 0,
      completionPricePerMTok: 0,
      isFree: true,
    });
    expect(priceEstimate(input({ model: free }))).toMatchObject({
      lowUsd: 0,
      highUsd: 0,
      unknownPrice: false,
    });
    const searched = priceEstimate(input({ model: free, webSearch: { engine: 'exa', maxResults: 5 } }));
    expect(searched.lowUsd).toBeCloseTo(0.007, 12);
    expect(searched.highUsd).toBeCloseTo(0.007, 12);
  });

  it('web search: Exa per request (+$0.001 per result beyond 10), the model’s own price for native and auto', () => {
    const exa = priceEstimate(input({ maxTokens: 1, webSearch: { engine: 'exa', maxResults: 12 } }));
    expect(exa.lowUsd).toBeCloseTo(0.003 + 0.009, 12);
    // The results are put into the prompt: counted in the high end.
    expect(exa.highUsd).toBeCloseTo(exa.lowUsd + 15e-6 + 12 * PROMPT_TOKENS_PER_SEARCH_RESULT * 3e-6, 12);
    const native = pricedModel({ extraPrices: { ...EXTRA_PRICES, webSearchPerRequest: 0.01 } });
    for (const engine of ['native', 'auto'] as const) {
      const e = priceEstimate(input({ model: native, webSearch: { engine, maxResults: 5 } }));
      expect(e.lowUsd).toBeCloseTo(0.003 + 0.01, 12);
    }
    // auto without a native price uses Exa.
    const auto = priceEstimate(input({ webSearch: { engine: 'auto', maxResults: 5 } }));
    expect(auto.lowUsd).toBeCloseTo(0.003 + 0.007, 12);
  });

  it('a per-request price is part of the low end', () => {
    const model = pricedModel({ extraPrices: { ...EXTRA_PRICES, perRequest: 0.005 } });
    expect(priceEstimate(input({ model })).lowUsd).toBeCloseTo(0.008, 12);
  });

  it('a reasoning budget adds its tokens at the internal reasoning price (else the completion price)', () => {
    const budget = { kind: 'budget', maxTokens: 10_000 } as const;
    const base = priceEstimate(input({ maxTokens: 2_000 })).highUsd;
    expect(priceEstimate(input({ maxTokens: 2_000, reasoning: budget })).highUsd).toBeCloseTo(
      base + 10_000 * 15e-6,
      12,
    );
    const dear = pricedModel({
      extraPrices: { ...EXTRA_PRICES, internalReasoningPerMTok: 60 },
    });
    expect(priceEstimate(input({ model: dear, maxTokens: 2_000, reasoning: budget })).highUsd).toBeCloseTo(
      base + 10_000 * 60e-6,
      12,
    );
  });

  it('an effort is a share of the reply (already counted), charged the difference when reasoning costs more', () => {
    const high = { kind: 'effort', effort: 'high' } as const;
    const base = priceEstimate(input({ maxTokens: 2_000 })).highUsd;
    expect(priceEstimate(input({ maxTokens: 2_000, reasoning: high })).highUsd).toBeCloseTo(base, 12);
    const dear = pricedModel({
      extraPrices: { ...EXTRA_PRICES, internalReasoningPerMTok: 60 },
    });
    expect(priceEstimate(input({ model: dear, maxTokens: 2_000, reasoning: high })).highUsd).toBeCloseTo(
      base + 0.8 * 2_000 * 45e-6,
      12,
    );
  });

  it('a reasoning choice the model does not take is not counted (the chat service does not send it)', () => {
    const base = priceEstimate(input({ maxTokens: 2_000 })).highUsd;
    const budget = { kind: 'budget', maxTokens: 10_000 } as const;
    const noBudget = pricedModel({ reasoning: { ...REASONING, supportsMaxTokens: false } });
    expect(
      priceEstimate(input({ model: noBudget, maxTokens: 2_000, reasoning: budget })).highUsd,
    ).toBeCloseTo(base, 12);
    const noReasoning = pricedModel({ supportedParameters: ['max_tokens'] });
    expect(
      priceEstimate(input({ model: noReasoning, maxTokens: 2_000, reasoning: budget })).highUsd,
    ).toBeCloseTo(base, 12);
  });
});
