import type { ModelEndpoint, ProviderInfo } from '../../../common/endpoints-types';
import type { OpenRouterClient } from '../openrouter/options';

/** How long an answer is reused: these lists change over hours, and the picker asks often. */
export const CATALOG_TTL_MS = 5 * 60 * 1000;
/**
 * At most this many answers are kept (oldest dropped first): these calls are reads, not counted
 * against a window's write budget, so a window naming endless model ids must not grow main's memory.
 */
export const CATALOG_MAX_ENTRIES = 100;

/**
 * OpenRouter's provider list, a model's endpoints and the account's model ids, cached briefly in main
 * (issue 15): the renderer may ask on every picker open without a request each time, and concurrent
 * callers share one request. A failed request is not cached. `knownProviders` answers from the cache
 * only — it never waits for the network (a send must not).
 */
export function createCatalogCache(deps: {
  client: Pick<OpenRouterClient, 'listModelEndpoints' | 'listAccountModelIds' | 'listProviders'>;
  now?: () => number;
  ttlMs?: number;
}) {
  const now = deps.now ?? Date.now;
  const ttl = deps.ttlMs ?? CATALOG_TTL_MS;
  const entries = new Map<string, { at: number; value: Promise<unknown> }>();
  let providerSlugs: ReadonlySet<string> | null = null;

  function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
    const hit = entries.get(key);
    if (hit && now() - hit.at < ttl) return hit.value as Promise<T>;
    const value = load();
    entries.delete(key);
    entries.set(key, { at: now(), value });
    // Map order is insertion order: the first key is the oldest answer.
    while (entries.size > CATALOG_MAX_ENTRIES) {
      const oldest = entries.keys().next().value;
      if (oldest === undefined) break;
      entries.delete(oldest);
    }
    // A failure is not kept: the next call asks again.
    value.catch(() => {
      if (entries.get(key)?.value === value) entries.delete(key);
    });
    return value;
  }

  return {
    async listProviders(): Promise<ProviderInfo[]> {
      const providers = await cached('providers', () => deps.client.listProviders());
      providerSlugs = new Set(providers.map((p) => p.slug));
      return providers;
    },
    async listModelEndpoints(modelId: string): Promise<ModelEndpoint[]> {
      const result = await cached(`endpoints:${modelId}`, () => deps.client.listModelEndpoints(modelId));
      return result.endpoints;
    },
    listAccountModelIds(): Promise<string[] | null> {
      return cached('account-models', () => deps.client.listAccountModelIds());
    },
    /** The provider slugs from the last provider list fetched this session; null before any. */
    knownProviders(): ReadonlySet<string> | null {
      return providerSlugs;
    },
  };
}

export type CatalogCache = ReturnType<typeof createCatalogCache>;
