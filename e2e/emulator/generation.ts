import { buildUsage } from './completion';

// What `GET /api/v1/generation?id=` answers: every generation the emulator served, including those the
// client cancelled (with the tokens sent until then), in the shape of a real answer
// (main/services/openrouter/fixtures/real/generation/, see SOURCES.md there).

export interface GenerationRecord {
  id: string;
  model: string;
  provider: string;
  createdAtMs: number;
  streamed: boolean;
  promptTokens: number;
  /** Prompt tokens read from the cache (prompt-cache.ts). */
  cachedPromptTokens: number;
  /** Tokens sent so far (reasoning included); the whole reply once finished. */
  completionTokens: number;
  reasoningTokens: number;
  imageTokens: number;
  webSearches: number;
  /** Null until the reply was completely sent. */
  finishReason: string | null;
}

export class GenerationStore {
  private readonly byId = new Map<string, GenerationRecord>();

  add(record: GenerationRecord): GenerationRecord {
    this.byId.set(record.id, record);
    return record;
  }

  get(id: string): GenerationRecord | undefined {
    return this.byId.get(id);
  }
}

/** One store per emulator, keyed by its state object, so emulators in one process never share. */
const stores = new WeakMap<object, GenerationStore>();

export function generationsOf(owner: object): GenerationStore {
  let store = stores.get(owner);
  if (store === undefined) {
    store = new GenerationStore();
    stores.set(owner, store);
  }
  return store;
}

export function generationBody(r: GenerationRecord) {
  const usage = buildUsage(
    r.model,
    r.promptTokens,
    r.completionTokens,
    r.reasoningTokens,
    r.cachedPromptTokens,
  );
  const cancelled = r.finishReason === null;
  return {
    data: {
      created_at: new Date(r.createdAtMs).toISOString(),
      model: r.model,
      streamed: r.streamed,
      cancelled,
      latency: 120,
      moderation_latency: null,
      generation_time: 40 * r.completionTokens,
      tokens_prompt: r.promptTokens,
      tokens_completion: r.completionTokens,
      native_tokens_prompt: r.promptTokens,
      native_tokens_completion: r.completionTokens,
      native_tokens_completion_images: r.imageTokens === 0 ? null : r.imageTokens,
      native_tokens_reasoning: r.reasoningTokens,
      native_tokens_cached: r.cachedPromptTokens,
      num_search_results: r.webSearches === 0 ? null : 2,
      is_byok: false,
      finish_reason: r.finishReason,
      native_finish_reason: r.finishReason,
      usage: usage.cost,
      api_type: 'completions',
      id: r.id,
      total_cost: usage.cost,
      cache_discount: null,
      // A real non-BYOK generation reports 0 here (SOURCES.md).
      upstream_inference_cost: 0,
      provider_name: r.provider,
    },
  };
}
