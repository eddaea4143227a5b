import { describe, expect, it } from 'vitest';
import { ModelListSchema } from '../../../common/chat-types';
import { parseModelsResponse, pricePerMillion, toModelSummary } from './models';

describe('pricePerMillion', () => {
  it.each([
    ['0.00003', 30],
    ['0.000015', 15],
    ['0.0000025', 2.5],
    ['0.00000015', 0.15],
    ['0.000000075', 0.075],
    ['1.5e-7', 0.15],
    ['2E-6', 2],
    ['0', 0],
    ['0.0', 0],
    ['.000001', 1],
  ])('%s USD/token → %d USD/Mtok (exactly)', (raw, expected) => {
    expect(pricePerMillion(raw)).toBe(expected);
  });

  it.each([['-1'], ['-0.5'], [''], ['free'], ['NaN'], [null], [undefined]])('%s → null', (raw) => {
    expect(pricePerMillion(raw)).toBeNull();
  });

  it('accepts numbers too', () => {
    expect(pricePerMillion(0.000002)).toBe(2);
    expect(pricePerMillion(-1)).toBeNull();
  });
});

describe('toModelSummary', () => {
  const base = {
    id: 'openai/gpt-4o',
    name: 'OpenAI: GPT-4o',
    context_length: 128000,
    pricing: { prompt: '0.0000025', completion: '0.00001', request: '0' },
    architecture: { input_modalities: ['text', 'image'], output_modalities: ['text'] },
    supported_parameters: ['temperature', 'max_tokens'],
    description: '  GPT-4o ("o" for "omni") is OpenAI\'s latest AI model.  ',
  };

  it('trims a model to exactly the summary fields', () => {
    expect(toModelSummary(base)).toEqual({
      id: 'openai/gpt-4o',
      name: 'OpenAI: GPT-4o',
      contextLength: 128000,
      promptPricePerMTok: 2.5,
      completionPricePerMTok: 10,
      inputModalities: ['text', 'image'],
      outputModalities: ['text'],
      supportedParameters: ['temperature', 'max_tokens'],
      isFree: false,
      description: 'GPT-4o ("o" for "omni") is OpenAI\'s latest AI model.',
      extraPrices: {
        cacheReadPerMTok: null,
        cacheWritePerMTok: null,
        internalReasoningPerMTok: null,
        webSearchPerRequest: null,
        perImage: null,
        perRequest: 0,
      },
    });
  });

  it('reads the extra prices: token prices per million tokens, the others per unit', () => {
    const summary = toModelSummary({
      ...base,
      pricing: {
        prompt: '0.000003',
        completion: '0.000015',
        request: '0.04',
        image: '0.0048',
        web_search: '0.01',
        internal_reasoning: '0.00001',
        input_cache_read: '0.0000003',
        input_cache_write: '0.00000375',
        discount: 0,
      },
    });
    expect(summary.extraPrices).toEqual({
      cacheReadPerMTok: 0.3,
      cacheWritePerMTok: 3.75,
      internalReasoningPerMTok: 10,
      webSearchPerRequest: 0.01,
      perImage: 0.0048,
      perRequest: 0.04,
    });
  });

  it('gives null for an extra price that is missing, malformed or negative', () => {
    const summary = toModelSummary({
      ...base,
      pricing: {
        prompt: '0',
        completion: '0',
        request: '-1',
        image: 'n/a',
        web_search: null,
        input_cache_read: {},
      },
    });
    expect(summary.extraPrices).toEqual({
      cacheReadPerMTok: null,
      cacheWritePerMTok: null,
      internalReasoningPerMTok: null,
      webSearchPerRequest: null,
      perImage: null,
      perRequest: null,
    });
  });

  it('a FLUX-like image model: zero token prices, billed per request, is not free', () => {
    const summary = toModelSummary({
      ...base,
      id: 'black-forest-labs/flux.2-pro',
      pricing: {
        prompt: '0',
        completion: '0',
        request: '0.03',
        image: '0',
        web_search: '0',
        internal_reasoning: '0',
      },
    });
    expect(summary).toMatchObject({
      promptPricePerMTok: 0,
      completionPricePerMTok: 0,
      isFree: false,
      extraPrices: { perRequest: 0.03, perImage: 0 },
    });
  });

  it('reads knowledge_cutoff and top_provider.max_completion_tokens', () => {
    const summary = toModelSummary({
      ...base,
      knowledge_cutoff: '2024-06-01',
      top_provider: { context_length: 128000, max_completion_tokens: 16384, is_moderated: true },
    });
    expect(summary).toMatchObject({ knowledgeCutoff: '2024-06-01', maxCompletionTokens: 16384 });
    for (const bad of [null, 0, -5, 1.5, '4096']) {
      const parsed = parseModelsResponse({
        data: [{ ...base, top_provider: { max_completion_tokens: bad } }],
      });
      expect(parsed?.models[0]?.maxCompletionTokens).toBeNull();
    }
    expect(toModelSummary(base)).not.toHaveProperty('maxCompletionTokens');
    expect(toModelSummary({ ...base, knowledge_cutoff: null })).not.toHaveProperty('knowledgeCutoff');
    expect(toModelSummary({ ...base, knowledge_cutoff: 'x'.repeat(100) }).knowledgeCutoff?.length).toBe(41);
  });

  it('bounds the description and strips control and format characters, keeping paragraphs', () => {
    const summary = toModelSummary({
      ...base,
      description: 'First\u0007 para\u202egraph.\r\n\r\n\r\n\tSecond\u0000 one.',
    });
    expect(summary.description).toBe('First paragraph.\n\n Second one.');
    const long = toModelSummary({ ...base, description: 'a'.repeat(5000) }).description ?? '';
    expect(Array.from(long)).toHaveLength(2001);
    expect(long.endsWith('…')).toBe(true);
    expect(toModelSummary({ ...base, description: ' \n ' })).not.toHaveProperty('description');
    const odd = parseModelsResponse({ data: [{ ...base, description: 42, knowledge_cutoff: {} }] });
    expect(odd?.models[0]).toBeDefined();
    expect(odd?.models[0]).not.toHaveProperty('description');
    expect(odd?.models[0]).not.toHaveProperty('knowledgeCutoff');
  });

  const ZERO = {
    prompt: '0',
    completion: '0',
    request: '0',
    image: '0',
    web_search: '0',
    internal_reasoning: '0',
    input_cache_read: '0',
    input_cache_write: '0',
    discount: 0.25,
  };

  it('is free only when every price is zero (a discount is not a price)', () => {
    expect(toModelSummary({ ...base, pricing: ZERO }).isFree).toBe(true);
    expect(toModelSummary({ ...base, pricing: { prompt: '0', completion: '0' } }).isFree).toBe(true);
    expect(toModelSummary({ ...base, pricing: { prompt: '0', completion: '-1' } }).isFree).toBe(false);
  });

  it.each([
    'request',
    'image',
    'web_search',
    'internal_reasoning',
    'input_cache_read',
    'input_cache_write',
    'audio',
  ])('is not free when only %s costs something', (field) => {
    const summary = toModelSummary({ ...base, pricing: { ...ZERO, [field]: '0.0005' } });
    expect(summary).toMatchObject({ promptPricePerMTok: 0, completionPricePerMTok: 0, isFree: false });
  });

  it('is not free on the :free suffix alone, nor with a missing, malformed or variable price', () => {
    expect(toModelSummary({ ...base, id: 'meta/llama:free' }).isFree).toBe(false);
    expect(toModelSummary({ id: 'meta/llama:free' }).isFree).toBe(false);
    expect(toModelSummary({ ...base, pricing: { prompt: '0' } }).isFree).toBe(false);
    expect(toModelSummary({ ...base, pricing: { ...ZERO, request: 'n/a' } }).isFree).toBe(false);
    expect(toModelSummary({ ...base, pricing: { ...ZERO, web_search: '-1' } }).isFree).toBe(false);
  });

  it('keeps expiration_date as a day, and drops one that is not a date', () => {
    expect(toModelSummary({ ...base, expiration_date: '2026-01-31' }).expirationDate).toBe('2026-01-31');
    expect(toModelSummary({ ...base, expiration_date: '2026-01-31T00:00:00Z' }).expirationDate).toBe(
      '2026-01-31',
    );
    for (const bad of ['2026-02-30', 'soon', '', null, 20260131, {}]) {
      const parsed = parseModelsResponse({ data: [{ ...base, expiration_date: bad }] });
      expect(parsed?.models[0]).toBeDefined();
      expect(parsed?.models[0]).not.toHaveProperty('expirationDate');
    }
  });

  it('tolerates missing fields', () => {
    expect(toModelSummary({ id: 'x/y' })).toEqual({
      id: 'x/y',
      name: 'x/y',
      contextLength: null,
      promptPricePerMTok: null,
      completionPricePerMTok: null,
      inputModalities: ['text'],
      outputModalities: ['text'],
      supportedParameters: [],
      isFree: false,
    });
  });
});

describe('parseModelsResponse', () => {
  it('sorts by name, drops unreadable entries and counts them', () => {
    const parsed = parseModelsResponse({
      data: [
        { id: 'b/model', name: 'beta' },
        { id: 42 },
        { id: 'a/model', name: 'Alpha' },
        'junk',
        { id: 'c/model', name: 'alpha' },
      ],
      total_count: 5,
    });
    expect(parsed?.models.map((m) => m.id)).toEqual(['a/model', 'c/model', 'b/model']);
    expect(parsed?.skipped).toBe(2);
  });

  it('rejects a body that is not a model list', () => {
    expect(parseModelsResponse({ models: [] })).toBeNull();
    expect(parseModelsResponse('<html>')).toBeNull();
  });
});

describe('a model list kept from before the extras were read', () => {
  it('still validates: description, cutoff, reply cap and extra prices are all optional', () => {
    const old = {
      models: [
        {
          id: 'openai/gpt-4o',
          name: 'OpenAI: GPT-4o',
          contextLength: 128000,
          promptPricePerMTok: 2.5,
          completionPricePerMTok: 10,
          inputModalities: ['text'],
          outputModalities: ['text'],
          supportedParameters: [],
          isFree: false,
        },
      ],
      fetchedAt: '2026-01-01T00:00:00.000Z',
      stale: true,
    };
    expect(ModelListSchema.safeParse(old).success).toBe(true);
    const fresh = parseModelsResponse({ data: [{ id: 'x/y', pricing: { prompt: '0', completion: '0' } }] });
    expect(ModelListSchema.safeParse({ ...old, models: fresh?.models }).success).toBe(true);
  });
});
