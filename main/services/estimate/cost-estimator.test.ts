import { countTokens } from 'gpt-tokenizer/encoding/o200k_base';
import { describe, expect, it } from 'vitest';
import type { ModelSummary } from '../../../common/chat-types';
import { type ConversationOptions, DEFAULT_CONVERSATION_OPTIONS } from '../../../common/request-options';
import { DEFAULT_SETTINGS, type Settings } from '../../../common/settings-types';
import type { TranscriptEntry } from '../history';
import { TOKENS_PER_MESSAGE, TOKENS_PER_REPLY } from './context-tokens';
import { type CostEstimatorDeps, createCostEstimator } from './cost-estimator';
import { pricedModel } from './testing/models';
import type { CountTokens } from './tokenizer';

const plain: CountTokens = (text) => countTokens(text, { disallowedSpecial: new Set() });

/** What the counts must equal: every text of the context counted whole, plus the per-message overhead. */
const expected = (texts: string[]) =>
  texts.reduce((sum, t) => sum + plain(t) + TOKENS_PER_MESSAGE, TOKENS_PER_REPLY);

function setup(
  opts: {
    transcript?: TranscriptEntry[];
    settings?: Partial<Settings>;
    options?: Partial<ConversationOptions>;
    models?: ModelSummary[] | Error;
    keyLeft?: number | null;
  } = {},
) {
  const transcript = opts.transcript ?? [];
  const tokenized: string[] = [];
  const deps: CostEstimatorDeps = {
    transcript: async () => transcript,
    settings: () => ({ ...DEFAULT_SETTINGS, ...opts.settings }),
    conversationOptions: async () => ({ options: { ...DEFAULT_CONVERSATION_OPTIONS, ...opts.options } }),
    listModels: async () => {
      if (opts.models instanceof Error) throw opts.models;
      return { models: opts.models ?? [pricedModel()] };
    },
    tokenizer: async () => (text) => {
      tokenized.push(text);
      return plain(text);
    },
    ...(opts.keyLeft !== undefined ? { keyLimitRemainingUsd: () => opts.keyLeft ?? null } : {}),
  };
  return { estimator: createCostEstimator(deps), transcript, tokenized };
}

const model = 'anthropic/claude-sonnet-4';

describe('cost estimator', () => {
  it('counts the context the chat service sends: system prompt, the transcript without empty failed replies, the draft', async () => {
    const { estimator } = setup({
      settings: { systemPrompt: 'You are terse.', maxTokens: 1_000 },
      transcript: [
        { id: 'm1', role: 'user', content: 'What is a token?' },
        { id: 'm2', role: 'assistant', content: '' }, // failed before any text: not sent
        { id: 'm3', role: 'assistant', content: 'A piece of text the model reads.' },
      ],
    });
    const e = await estimator.estimate({ conversationId: 'c1', model, draft: 'And a byte?' });
    const tokens = expected([
      'You are terse.',
      'What is a token?',
      'A piece of text the model reads.',
      'And a byte?',
    ]);
    expect(e).toEqual({
      promptTokens: tokens,
      lowUsd: tokens * 3e-6,
      highUsd: tokens * 3e-6 + 1_000 * 15e-6,
      unknownPrice: false,
    });
  });

  it('a new conversation (no id) is the system prompt and the draft', async () => {
    const { estimator } = setup({ settings: { systemPrompt: 'Be brief.' } });
    const e = await estimator.estimate({ conversationId: null, model, draft: 'Hello there' });
    expect(e.promptTokens).toBe(expected(['Be brief.', 'Hello there']));
  });

  it('while typing only the draft is tokenized again, and a changed message is counted afresh', async () => {
    const transcript: TranscriptEntry[] = Array.from({ length: 200 }, (_, i) => ({
      id: `m${i}`,
      role: i % 2 === 0 ? 'user' : 'assistant',
      content: `Message number ${i} with some words in it.`,
    }));
    const { estimator, tokenized } = setup({ transcript });
    await estimator.estimate({ conversationId: 'c1', model, draft: 'H' });
    expect(tokenized.length).toBe(201);
    tokenized.length = 0;
    const e = await estimator.estimate({ conversationId: 'c1', model, draft: 'He' });
    expect(tokenized).toEqual(['He']);
    expect(e.promptTokens).toBe(expected([...transcript.map((m) => m.content), 'He']));

    // A reply still streaming grew: that text is counted again, nothing else (the draft is as it was).
    tokenized.length = 0;
    transcript[199] = { id: 'm199', role: 'assistant', content: `${transcript[199]?.content} More text.` };
    const grown = await estimator.estimate({ conversationId: 'c1', model, draft: 'He' });
    expect(tokenized).toEqual([transcript[199]?.content]);
    expect(grown.promptTokens).toBe(expected([...transcript.map((m) => m.content), 'He']));
  });

  it('web search is on for the composer’s toggle or the conversation’s “every message”', async () => {
    const off = await setup().estimator.estimate({ conversationId: 'c1', model, draft: 'x' });
    const toggled = await setup().estimator.estimate({
      conversationId: 'c1',
      model,
      draft: 'x',
      webSearch: true,
    });
    const always = await setup({ options: { webSearchAlways: true } }).estimator.estimate({
      conversationId: 'c1',
      model,
      draft: 'x',
    });
    expect(toggled.lowUsd - off.lowUsd).toBeCloseTo(0.007, 12);
    expect(always.lowUsd - off.lowUsd).toBeCloseTo(0.007, 12);
  });

  it('the reasoning choice: the conversation’s, else Settings’ for this model', async () => {
    const budget = { kind: 'budget', maxTokens: 8_000 } as const;
    const base = await setup({ settings: { maxTokens: 100 } }).estimator.estimate({
      conversationId: 'c1',
      model,
      draft: 'x',
    });
    const fromSettings = await setup({
      settings: { maxTokens: 100, reasoningByModel: { [model]: budget } },
    }).estimator.estimate({ conversationId: 'c1', model, draft: 'x' });
    const fromConversation = await setup({
      settings: { maxTokens: 100, reasoningByModel: { [model]: budget } },
      options: { reasoning: { kind: 'off' } },
    }).estimator.estimate({ conversationId: 'c1', model, draft: 'x' });
    expect(fromSettings.highUsd - base.highUsd).toBeCloseTo(8_000 * 15e-6, 12);
    expect(fromConversation.highUsd).toBeCloseTo(base.highUsd, 12);
  });

  it('no model list (offline, no key) or a model not in it: unknownPrice, still a token count', async () => {
    const offline = await setup({ models: new Error('offline') }).estimator.estimate({
      conversationId: null,
      model,
      draft: 'hi',
    });
    expect(offline).toMatchObject({ unknownPrice: true, lowUsd: 0, highUsd: 0 });
    expect(offline.promptTokens).toBe(expected(['hi']));
    const missing = await setup().estimator.estimate({
      conversationId: null,
      model: 'acme/unknown',
      draft: 'hi',
    });
    expect(missing.unknownPrice).toBe(true);
  });

  it('reports what the key has left as last heard from /key', async () => {
    const e = await setup({ keyLeft: 0.5 }).estimator.estimate({ conversationId: null, model, draft: 'hi' });
    expect(e.keyLimitRemainingUsd).toBe(0.5);
  });
});
