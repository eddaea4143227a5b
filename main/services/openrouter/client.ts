import type { KeyInfo } from '../../../common/key-status';
import { streamChat } from './chat-stream';
import { listModelEndpoints } from './endpoints';
import { fetchGeneration } from './generation';
import { getKeyInfo } from './key-info';
import { createModelsCache } from './models-cache';
import { type OpenRouterClient, type OpenRouterClientOptions, resolveOptions } from './options';
import { listProviders } from './providers';
import { listAccountModelIds } from './user-models';

/**
 * The OpenRouter client used by main. It never stores the key: every call reads it through `getKey`
 * (or takes a candidate for /key) and sends it only to `baseUrl`'s origin.
 */
export function createOpenRouterClient(o: OpenRouterClientOptions): OpenRouterClient {
  const ctx = resolveOptions(o);
  const models = createModelsCache(ctx);
  return {
    streamChat: (req, opts) => streamChat(ctx, req, opts),
    listModels: (opts) => models.list(opts),
    getKeyInfo: (key) => getKeyInfo(ctx, key),
    fetchGeneration: (generationId, signal) => fetchGeneration(ctx, generationId, signal),
    listModelEndpoints: (modelId) => listModelEndpoints(ctx, modelId),
    listAccountModelIds: () => listAccountModelIds(ctx),
    listProviders: () => listProviders(ctx),
  };
}

/**
 * GET /key for the key it is given, and nothing else: it reads no key of its own (`getKey` answers
 * null), so a missing or blank key is `key_missing` without a request. The vault verifies keys through
 * it, which lets the vault be built before the client that reads its key from the vault.
 */
export function createKeyInfoReader(
  o: Omit<OpenRouterClientOptions, 'getKey'>,
): (key: string) => Promise<KeyInfo> {
  const ctx = resolveOptions({ ...o, getKey: () => null });
  return (key) => getKeyInfo(ctx, key);
}
