/** listModels and getKeyInfo against the OpenRouter emulator (e2e/emulator). */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../../e2e/emulator/server';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createOpenRouterClient } from './client';
import type { OpenRouterClientOptions } from './options';

const WORK_KEY = `sk-or-v1-${'5eed'.repeat(16)}`;
const MODELS_PATH = '/api/v1/models';
const TTL = 10 * 60_000;

let emulator: Emulator;

function setup(overrides: Partial<OpenRouterClientOptions> = {}, target: Emulator = emulator) {
  let now = Date.parse('2026-03-01T12:00:00Z');
  const log = createMemoryLogger();
  const client = createOpenRouterClient({
    baseUrl: target.baseUrl,
    getKey: () => target.defaultKey,
    log,
    now: () => now,
    ...overrides,
  });
  return {
    client,
    log,
    advance(ms: number) {
      now += ms;
    },
  };
}

const modelRequests = (target: Emulator = emulator) => target.requests.filter((r) => r.path === MODELS_PATH);

beforeAll(async () => {
  emulator = await startEmulator({
    keys: [{ key: WORK_KEY, label: 'Work laptop', usage: 3.5, limit: 10, isFreeTier: false }],
  });
});

afterAll(async () => {
  await emulator?.close();
});

beforeEach(() => {
  emulator.clearRequests();
  emulator.resetFaultCounters();
});

describe('listModels', () => {
  it('returns 300+ trimmed models sorted by name, with prices per million tokens', async () => {
    const { client } = setup();
    const list = await client.listModels();
    expect(list.stale).toBe(false);
    expect(list.fetchedAt).toBe('2026-03-01T12:00:00.000Z');
    expect(list.models.length).toBeGreaterThanOrEqual(300);

    const names = list.models.map((m) => m.name);
    expect(names).toEqual([...names].sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' })));

    expect(list.models.find((m) => m.id === 'openai/gpt-4o')).toEqual({
      id: 'openai/gpt-4o',
      name: 'OpenAI: GPT-4o',
      contextLength: 128_000,
      promptPricePerMTok: 2.5,
      completionPricePerMTok: 10,
      inputModalities: ['text', 'image', 'file'],
      outputModalities: ['text'],
      supportedParameters: expect.arrayContaining(['temperature', 'max_tokens']),
      isFree: false,
      description: expect.stringMatching(/^GPT-4o is a model from OpenAI/),
      knowledgeCutoff: '2023-10-01',
      maxCompletionTokens: 16_384,
      extraPrices: {
        cacheReadPerMTok: 0.25,
        cacheWritePerMTok: 3.125,
        internalReasoningPerMTok: 0,
        webSearchPerRequest: 0,
        perImage: 0.0025,
        perRequest: 0,
      },
    });
    const mini = list.models.find((m) => m.id === 'openai/gpt-4o-mini');
    expect([mini?.promptPricePerMTok, mini?.completionPricePerMTok]).toEqual([0.15, 0.6]);
    const free = list.models.find((m) => m.id === 'openai/gpt-oss-120b:free');
    expect(free).toMatchObject({ isFree: true, promptPricePerMTok: 0, completionPricePerMTok: 0 });

    // Image-only models are listed (output_modalities=all), and zero token prices alone are not "free".
    expect(list.models.find((m) => m.id === 'black-forest-labs/flux.2-pro')).toMatchObject({
      outputModalities: ['image'],
      promptPricePerMTok: 0,
      completionPricePerMTok: 0,
      isFree: false,
    });

    expect(list.models.find((m) => m.id === 'google/gemini-2.5-flash-preview-09-2025')?.expirationDate).toBe(
      '2026-12-31',
    );
    expect(list.models.find((m) => m.id === 'google/gemini-2.5-flash')).not.toHaveProperty('expirationDate');

    const [request] = modelRequests();
    expect(request?.method).toBe('GET');
    expect(request?.query).toEqual({ output_modalities: 'all' });
    expect(request?.headers).toMatchObject({
      authorization: `Bearer ${emulator.defaultKey}`,
      'x-openrouter-title': 'Switchboard',
      'x-title': 'Switchboard',
      'http-referer': 'https://github.com/switchboard-app/switchboard',
    });
    expect(request?.headers['content-type']).toBeUndefined();
  });

  it('caches for the TTL, refetches after it, and refresh bypasses the cache', async () => {
    const { client, advance } = setup({ modelsTtlMs: TTL });
    const first = await client.listModels();
    advance(TTL - 1);
    expect(await client.listModels()).toBe(first);
    expect(modelRequests()).toHaveLength(1);
    advance(1);
    const second = await client.listModels();
    expect(modelRequests()).toHaveLength(2);
    expect(second.fetchedAt).not.toBe(first.fetchedAt);
    await client.listModels({ refresh: true });
    expect(modelRequests()).toHaveLength(3);
  });

  it('concurrent calls share one request', async () => {
    const { client } = setup();
    const [a, b] = await Promise.all([client.listModels(), client.listModels()]);
    expect(a).toBe(b);
    expect(modelRequests()).toHaveLength(1);
  });

  it('serves the last good copy marked stale when OpenRouter becomes unreachable', async () => {
    const doomed = await startEmulator();
    const { client, advance, log } = setup({}, doomed);
    const good = await client.listModels();
    await doomed.close();
    advance(TTL + 1);
    const stale = await client.listModels();
    expect(stale).toEqual({ ...good, stale: true });
    await expect(client.listModels({ refresh: true })).resolves.toMatchObject({ stale: true });
    expect(log.lines.some((l) => l.includes('Serving a stale model list') && l.includes('offline'))).toBe(
      true,
    );

    // Nothing cached: the mapped error is thrown.
    const fresh = setup({}, doomed);
    await expect(fresh.client.listModels()).rejects.toMatchObject({
      error: {
        code: 'offline',
        message: "Can't reach OpenRouter. Check your internet connection and try again.",
      },
    });
  });

  it('maps a rejected key with nothing cached', async () => {
    const { client } = setup({ getKey: () => `sk-or-v1-${'0'.repeat(64)}` });
    await expect(client.listModels()).rejects.toMatchObject({ error: { code: 'key_rejected', status: 401 } });
  });
});

describe('getKeyInfo', () => {
  it('reads /key for a candidate key, before it is stored', async () => {
    const { client } = setup();
    await expect(client.getKeyInfo(WORK_KEY)).resolves.toEqual({
      label: 'Work laptop',
      usage: 3.5,
      limit: 10,
      limitRemaining: 6.5,
      isFreeTier: false,
      limitReset: null,
      expiresAt: null,
      usageDaily: 3.5,
      usageWeekly: 3.5,
      usageMonthly: 3.5,
      byokUsage: 0,
      byokUsageDaily: 0,
      byokUsageWeekly: 0,
      byokUsageMonthly: 0,
      includeByokInLimit: false,
    });
    const request = await emulator.waitForRequest((r) => r.path === '/api/v1/key');
    expect(request.headers.authorization).toBe(`Bearer ${WORK_KEY}`);
    expect(request.headers['x-openrouter-title']).toBe('Switchboard');
  });

  it('reads /key for the current key, keeping OpenRouter’s masked label', async () => {
    const { client } = setup();
    const info = await client.getKeyInfo();
    expect(info.label).toMatch(/^sk-or-v1-[0-9a-f]{3}\.\.\.[0-9a-f]{3}$/);
    expect(info).toMatchObject({ limit: null, limitRemaining: null, isFreeTier: false });
    expect(emulator.requests[0]?.headers.authorization).toBe(`Bearer ${emulator.defaultKey}`);
  });

  it('an unknown key → key_rejected with the person-facing message', async () => {
    const { client, log } = setup();
    const unknown = `sk-or-v1-${'f'.repeat(64)}`;
    const error = await client.getKeyInfo(unknown).catch((e: unknown) => e);
    expect(error).toMatchObject({
      error: {
        code: 'key_rejected',
        status: 401,
        message:
          'OpenRouter rejected the API key. It may have been revoked or mistyped. Remove it in Settings and sign in again.',
      },
    });
    expect(log.lines.join('\n')).not.toContain('f'.repeat(64));
  });
});
