import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createOpenRouterClient } from './client';
import { fakeFetch, TEST_KEY } from './testing/test-support';

const body = {
  data: [
    { id: 'b/two', name: 'Two', pricing: { prompt: '0.000001', completion: '0.000002' } },
    { id: 'a/one:free', name: 'One', pricing: { prompt: '0', completion: '0' } },
  ],
};

function setup(respond: Parameters<typeof fakeFetch>[0]) {
  let now = Date.parse('2026-01-01T00:00:00Z');
  const { fetch, calls } = fakeFetch(respond);
  const client = createOpenRouterClient({
    baseUrl: 'https://openrouter.test/api/v1',
    getKey: () => TEST_KEY,
    log: createMemoryLogger(),
    fetch,
    now: () => now,
    modelsTtlMs: 1000,
  });
  return {
    client,
    calls,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('listModels cache', () => {
  it('serves from memory within the TTL, refetches after it, and on refresh', async () => {
    const { client, calls, advance } = setup(() => Response.json(body));
    const first = await client.listModels();
    expect(first.models.map((m) => m.id)).toEqual(['a/one:free', 'b/two']);
    expect(first.stale).toBe(false);
    expect(first.fetchedAt).toBe('2026-01-01T00:00:00.000Z');
    advance(999);
    await client.listModels();
    expect(calls).toHaveLength(1);
    advance(1);
    await client.listModels();
    expect(calls).toHaveLength(2);
    await client.listModels({ refresh: true });
    expect(calls).toHaveLength(3);
  });

  it('shares one request between concurrent callers', async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { client, calls } = setup(async () => {
      await gate;
      return Response.json(body);
    });
    const all = Promise.all([client.listModels(), client.listModels(), client.listModels({ refresh: true })]);
    release();
    const [a, b, c] = await all;
    expect(calls).toHaveLength(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
  });

  it('returns the last good copy marked stale when a refresh fails, and throws when nothing is cached', async () => {
    let fail = true;
    const { client, advance } = setup(() => {
      if (fail) throw new TypeError('fetch failed');
      return Response.json(body);
    });
    await expect(client.listModels()).rejects.toMatchObject({ error: { code: 'offline' } });
    fail = false;
    const good = await client.listModels();
    fail = true;
    advance(5000);
    const stale = await client.listModels();
    expect(stale).toEqual({ ...good, stale: true });
    const again = await client.listModels({ refresh: true });
    expect(again.stale).toBe(true);
  });

  it('maps an HTTP error with nothing cached', async () => {
    const { client } = setup(() =>
      Response.json({ error: { code: 401, message: 'User not found.' } }, { status: 401 }),
    );
    await expect(client.listModels()).rejects.toMatchObject({ error: { code: 'key_rejected', status: 401 } });
  });
});
