import { describe, expect, it } from 'vitest';
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
    description: 'ignored',
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
    });
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
