import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createOpenRouterClient } from './client';
import { readRealFixture } from './testing/real-fixtures';
import { fakeFetch, TEST_KEY } from './testing/test-support';

const REAL_CANCELLED = 'generation/trick-question-bench-llama-4-scout-cancelled.json';

function clientAnswering(respond: () => Response) {
  const { fetch, calls } = fakeFetch(respond);
  const client = createOpenRouterClient({
    baseUrl: 'https://openrouter.test/api/v1',
    getKey: () => TEST_KEY,
    log: createMemoryLogger(),
    fetch,
    sleep: async () => {},
  });
  return { client, calls };
}

const json = (body: string, status = 200) =>
  new Response(body, { status, headers: { 'content-type': 'application/json' } });

describe('fetchGeneration', () => {
  it('reads a real cancelled generation: native counts, cost, provider, no finish reason', async () => {
    const { client, calls } = clientAnswering(() => json(readRealFixture(REAL_CANCELLED)));
    const info = await client.fetchGeneration('gen-1771967930-1gsys6ZhRaY0TPbuRsDR');
    expect(calls[0]?.url).toBe(
      'https://openrouter.test/api/v1/generation?id=gen-1771967930-1gsys6ZhRaY0TPbuRsDR',
    );
    expect(calls[0]?.init.method).toBe('GET');
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(info).toEqual({
      usage: {
        promptTokens: 64,
        completionTokens: 98,
        reasoningTokens: 0,
        cost: 0.00003452,
        cachedPromptTokens: 0,
        isByok: false,
      },
      provider: 'DeepInfra',
      model: 'meta-llama/llama-4-scout-17b-16e-instruct',
      finishReason: null,
      cancelled: true,
    });
  });

  it('falls back to tokens_* and reads BYOK upstream cost and a finish reason', async () => {
    const body = JSON.stringify({
      data: {
        tokens_prompt: 10,
        tokens_completion: 4,
        total_cost: 0,
        is_byok: true,
        upstream_inference_cost: 0.5,
        finish_reason: 'length',
        provider_name: 'OpenAI',
        cancelled: false,
      },
    });
    const { client } = clientAnswering(() => json(body));
    expect(await client.fetchGeneration('gen-1')).toEqual({
      usage: { promptTokens: 10, completionTokens: 4, cost: 0, isByok: true, upstreamCost: 0.5 },
      provider: 'OpenAI',
      model: null,
      finishReason: 'length',
      cancelled: false,
    });
  });

  it('answers null for an unknown generation (404)', async () => {
    const { client } = clientAnswering(() =>
      json('{"error":{"message":"Generation not found","code":404}}', 404),
    );
    expect(await client.fetchGeneration('gen-unknown')).toBeNull();
  });

  it('maps other errors and unreadable bodies to failures, and refuses ids that are not ids', async () => {
    const { client } = clientAnswering(() => json('{"error":{"message":"No auth","code":401}}', 401));
    await expect(client.fetchGeneration('gen-1')).rejects.toMatchObject({ error: { code: 'key_rejected' } });
    const { client: garbled } = clientAnswering(() => json('{"data": 5}'));
    await expect(garbled.fetchGeneration('gen-1')).rejects.toMatchObject({
      error: { code: 'upstream_error' },
    });
    const { client: unused, calls } = clientAnswering(() => json('{}'));
    await expect(unused.fetchGeneration('gen-1&id=other/../../key')).rejects.toMatchObject({
      error: { code: 'internal' },
    });
    expect(calls).toHaveLength(0);
  });

  it('stops when its signal aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    const { client } = clientAnswering(() => json('{}'));
    await expect(client.fetchGeneration('gen-1', controller.signal)).rejects.toMatchObject({
      error: { code: 'cancelled' },
    });
  });
});
