import { describe, expect, it } from 'vitest';
import { textFailure } from '../../../common/testing/text-failure';
import { createCatalogCache } from './catalog-cache';

function client() {
  const calls: string[] = [];
  let failProviders = false;
  return {
    calls,
    failNext: () => {
      failProviders = true;
    },
    listProviders: async () => {
      calls.push('providers');
      if (failProviders) {
        failProviders = false;
        throw textFailure('offline', 'offline');
      }
      return [{ slug: 'anthropic', name: 'Anthropic' }];
    },
    listModelEndpoints: async (modelId: string) => {
      calls.push(`endpoints ${modelId}`);
      return { modelId, endpoints: [], skipped: 0 };
    },
    listAccountModelIds: async () => {
      calls.push('account');
      return null;
    },
  };
}

describe('catalog cache', () => {
  it('reuses an answer for five minutes, per model for endpoints, then asks again', async () => {
    let now = 0;
    const c = client();
    const cache = createCatalogCache({ client: c, now: () => now });
    await Promise.all([cache.listProviders(), cache.listProviders()]);
    await cache.listModelEndpoints('a/b');
    await cache.listModelEndpoints('a/b');
    await cache.listModelEndpoints('c/d');
    expect(await cache.listAccountModelIds()).toBeNull();
    await cache.listAccountModelIds();
    expect(c.calls).toEqual(['providers', 'endpoints a/b', 'endpoints c/d', 'account']);
    now = 5 * 60 * 1000;
    await cache.listProviders();
    expect(c.calls.at(-1)).toBe('providers');
    expect(c.calls).toHaveLength(5);
  });

  it('knows provider slugs only after a list was fetched; a failure is not cached', async () => {
    const c = client();
    const cache = createCatalogCache({ client: c });
    expect(cache.knownProviders()).toBeNull();
    c.failNext();
    await expect(cache.listProviders()).rejects.toMatchObject({ error: { code: 'offline' } });
    expect(cache.knownProviders()).toBeNull();
    await cache.listProviders();
    expect([...(cache.knownProviders() ?? [])]).toEqual(['anthropic']);
  });

  it('keeps at most 100 answers, dropping the oldest', async () => {
    const c = client();
    const cache = createCatalogCache({ client: c });
    for (let i = 0; i <= 100; i++) await cache.listModelEndpoints(`a/m${i}`);
    await cache.listModelEndpoints('a/m100');
    await cache.listModelEndpoints('a/m0');
    expect(c.calls.filter((call) => call === 'endpoints a/m0')).toHaveLength(2);
    expect(c.calls.filter((call) => call === 'endpoints a/m100')).toHaveLength(1);
  });
});
