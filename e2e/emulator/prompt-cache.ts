// Prompt caching as Anthropic and OpenAI do it behind OpenRouter: a prompt that starts with the previous
// prompt sent to the same model reads that prefix from the cache, reported as
// `prompt_tokens_details.cached_tokens` and billed at the model's cache-read price (the real recording
// …7buJmKWfmK3… in main/services/openrouter/fixtures/real/streams reports 1405 cached of 1421 prompt
// tokens, priced that way). Only models whose listing has an `input_cache_read` price cache, and, as
// with OpenAI's automatic caching and Anthropic's cache breakpoints, only a prefix of at least
// MIN_CACHED_PROMPT_TOKENS (1024) tokens is cached (OpenAI's 128-token increments are not modelled).

export const MIN_CACHED_PROMPT_TOKENS = 1024;

interface CachedPrompt {
  /** Each message of the prompt, JSON-encoded, so a prefix compares message by message. */
  messages: string[];
  promptTokens: number;
}

export class PromptCache {
  private readonly lastByModel = new Map<string, CachedPrompt>();

  /**
   * The prompt tokens this request reads from the cache (the previous prompt to the same model, when
   * the new prompt starts with it; 0 otherwise), and remembers this prompt for the next request.
   */
  read(model: string, messages: readonly unknown[], promptTokens: number): number {
    const encoded = messages.map((m) => JSON.stringify(m));
    const previous = this.lastByModel.get(model);
    this.lastByModel.set(model, { messages: encoded, promptTokens });
    if (previous === undefined || previous.messages.length > encoded.length) return 0;
    if (previous.promptTokens < MIN_CACHED_PROMPT_TOKENS) return 0;
    const isPrefix = previous.messages.every((m, i) => m === encoded[i]);
    return isPrefix ? Math.min(previous.promptTokens, promptTokens) : 0;
  }
}

/** One cache per emulator, keyed by an object the emulator owns, so emulators in one process never share. */
const caches = new WeakMap<object, PromptCache>();

export function promptCacheOf(owner: object): PromptCache {
  let cache = caches.get(owner);
  if (cache === undefined) {
    cache = new PromptCache();
    caches.set(owner, cache);
  }
  return cache;
}
