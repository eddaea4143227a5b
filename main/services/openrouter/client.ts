import { streamChat } from './chat-stream';
import { getKeyInfo } from './key-info';
import { createModelsCache } from './models-cache';
import { type OpenRouterClient, type OpenRouterClientOptions, resolveOptions } from './options';

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
  };
}
