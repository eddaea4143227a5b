import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseModelsResponse } from '../../main/services/openrouter/models';
import { FAULT_MODE_EXAMPLES, parseFaults } from './faults';
import type { Model } from './models';
import { type Emulator, startEmulator } from './server';
import { chat, get } from './test-support';

let emu: Emulator;
let models: Model[];
beforeAll(async () => {
  emu = await startEmulator();
  const res = await get(emu, '/models');
  expect(res.status).toBe(200);
  const body = (await res.json()) as { data: Model[]; total_count: number };
  expect(body.total_count).toBe(body.data.length);
  models = body.data;
});
afterAll(() => emu.close());

const PRICE = /^(0|-1|0\.\d*[1-9]|[1-9]\d*(\.\d*[1-9])?)$/;
const real = () => models.filter((m) => !m.id.startsWith('emulator/'));

describe('GET /models', () => {
  it('lists 300+ real-looking models with unique ids', () => {
    expect(real().length).toBeGreaterThanOrEqual(300);
    expect(new Set(models.map((m) => m.id)).size).toBe(models.length);
    for (const m of real()) expect(m.id).toMatch(/^[a-z0-9-]+\/[a-z0-9.-]+(:free|:thinking)?$/);
  });

  it('covers the major providers', () => {
    const providers = new Set(models.map((m) => m.id.split('/')[0]));
    for (const p of [
      'openai',
      'anthropic',
      'google',
      'meta-llama',
      'mistralai',
      'qwen',
      'deepseek',
      'x-ai',
      'cohere',
      'nvidia',
      'microsoft',
    ]) {
      expect(providers).toContain(p);
    }
  });

  it('gives every model the documented fields and shapes', () => {
    for (const m of models) {
      expect(m.name).toMatch(/^[^:]+: .+/);
      expect(m.context_length).toBeGreaterThan(0);
      expect(Number.isInteger(m.created)).toBe(true);
      expect(m.description.length).toBeGreaterThan(20);
      expect(m.architecture.input_modalities).toContain('text');
      expect(m.architecture.output_modalities).toContain('text');
      expect(m.architecture.modality).toBe(
        `${m.architecture.input_modalities.join('+')}->${m.architecture.output_modalities.join('+')}`,
      );
      expect(m.architecture.tokenizer.length).toBeGreaterThan(0);
      for (const price of [m.pricing.prompt, m.pricing.completion, m.pricing.request, m.pricing.image]) {
        expect(price).toMatch(PRICE);
      }
      expect(m.top_provider.context_length).toBe(m.context_length);
      expect(typeof m.top_provider.is_moderated).toBe('boolean');
      expect(m.supported_parameters).toContain('max_tokens');
    }
  });

  it('has a realistic entry for Claude Sonnet 4.5', () => {
    const m = models.find((x) => x.id === 'anthropic/claude-sonnet-4.5');
    expect(m?.name).toBe('Anthropic: Claude Sonnet 4.5');
    expect(m?.pricing.prompt).toBe('0.000003');
    expect(m?.pricing.completion).toBe('0.000015');
    expect(m?.architecture.input_modalities).toEqual(['text', 'image', 'file']);
    expect(m?.supported_parameters).toContain('reasoning');
  });

  it('includes :free variants priced "0" and models taking image, file and audio input', () => {
    const free = models.filter((m) => m.id.endsWith(':free'));
    expect(free.length).toBeGreaterThan(30);
    for (const m of free) {
      expect(m.pricing.prompt).toBe('0');
      expect(m.pricing.completion).toBe('0');
      expect(m.name).toMatch(/\(free\)$/);
      expect(models.some((x) => `${x.id}:free` === m.id)).toBe(true);
    }
    for (const modality of ['image', 'file', 'audio']) {
      expect(models.filter((m) => m.architecture.input_modalities.includes(modality)).length).toBeGreaterThan(
        3,
      );
    }
  });

  it('filters by output_modalities like the real API: text by default, image or all on request', async () => {
    const list = async (query: string) =>
      ((await (await get(emu, `/models${query}`)).json()) as { data: Model[]; total_count: number }).data;
    const outputs = (m: Model) => m.architecture.output_modalities;
    expect(models.every((m) => outputs(m).includes('text'))).toBe(true);
    const all = await list('?output_modalities=all');
    const imageOnly = all.filter((m) => !outputs(m).includes('text'));
    expect(imageOnly.map((m) => m.id)).toContain('black-forest-labs/flux.2-pro');
    for (const m of imageOnly) {
      expect(outputs(m)).toEqual(['image']);
      expect(m.pricing.request).not.toBe('0');
    }
    expect(all.length).toBe(models.length + imageOnly.length);
    const image = await list('?output_modalities=image');
    expect(image.every((m) => outputs(m).includes('image'))).toBe(true);
    expect(image.map((m) => m.id)).toEqual(
      expect.arrayContaining(['black-forest-labs/flux.2-pro', 'openai/gpt-5-image']),
    );
    expect((await list('?output_modalities=text,image')).length).toBe(all.length);
  });

  it('gives expiration_date (YYYY-MM-DD) to the few models with an announced retirement', () => {
    const retiring = models.filter((m) => m.expiration_date !== undefined);
    expect(retiring.map((m) => m.id)).toContain('google/gemini-2.5-flash-preview-09-2025');
    expect(retiring.length).toBeLessThan(5);
    for (const m of retiring) expect(m.expiration_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('serves the extras the client shows: knowledge cutoff, max completion tokens, extra prices', async () => {
    const body = await (await get(emu, '/models?output_modalities=all')).json();
    const parsed = parseModelsResponse(body)?.models ?? [];
    const byId = new Map(parsed.map((m) => [m.id, m]));
    // A model with a description, a knowledge cutoff, a reply cap and cache prices.
    expect(byId.get('openai/gpt-4o')).toMatchObject({
      knowledgeCutoff: '2023-10-01',
      maxCompletionTokens: expect.any(Number),
      extraPrices: { cacheReadPerMTok: 0.25, cacheWritePerMTok: 3.125, perRequest: 0 },
    });
    expect(byId.get('openai/gpt-4o')?.description).toMatch(/^GPT-4o is a model from OpenAI/);
    // FLUX-like: nothing per token, billed per request: not free.
    expect(byId.get('black-forest-labs/flux.2-pro')).toMatchObject({
      promptPricePerMTok: 0,
      completionPricePerMTok: 0,
      isFree: false,
      extraPrices: { perRequest: 0.03 },
    });
    expect(byId.get('openai/gpt-4o-search-preview')?.extraPrices?.webSearchPerRequest).toBe(0.01);
    expect(parsed.some((m) => m.maxCompletionTokens === null)).toBe(true);
    const raw = (body as { data: Model[] }).data;
    expect(raw.filter((m) => m.knowledge_cutoff !== null).length).toBeGreaterThan(3);
    for (const m of raw)
      expect(m.knowledge_cutoff === null || /^\d{4}-\d{2}-\d{2}$/.test(m.knowledge_cutoff)).toBe(true);
  });

  it('is the same on every call', async () => {
    const again = (await (await get(emu, '/models')).json()) as { data: Model[] };
    expect(again.data).toEqual(models);
  });

  it('lists an emulator/<mode> model for each fault mode, and they work', async () => {
    const fault = models.filter((m) => m.id.startsWith('emulator/'));
    expect(fault.map((m) => m.id.slice('emulator/'.length))).toEqual([...FAULT_MODE_EXAMPLES]);
    for (const m of fault) {
      expect(m.name).toBe(`Emulator: ${m.id.slice('emulator/'.length)}`);
      expect(parseFaults(undefined, m.id).ok).toBe(true);
    }
    expect((await chat(emu, { model: 'emulator/status-402' })).status).toBe(402);
  });
});
