import { FAULT_MODEL_PREFIX } from './faults';
import { PROVIDERS } from './model-table';
import { findModel } from './models';
import { createRng, randomAlnum } from './rng';

// Pure builders for chat-completion payloads: generation ids, stream chunks and usage with cost.

export interface CompletionMeta {
  id: string;
  created: number;
  model: string;
  provider: string;
}

/** The usage object as recorded live streams carry it (fixtures/real/ under main/services/openrouter). */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cost: number;
  is_byok: false;
  prompt_tokens_details: {
    cached_tokens: number;
    cache_write_tokens: number;
    audio_tokens: number;
    video_tokens: number;
  };
  /** Not BYOK: the upstream total is null while its prompt/completion parts are filled in. */
  cost_details: {
    upstream_inference_cost: null;
    upstream_inference_prompt_cost: number;
    upstream_inference_completions_cost: number;
  };
  completion_tokens_details: { reasoning_tokens: number; image_tokens: number };
}

export type FinishReason = 'stop' | 'length' | 'error';

/** `gen-<created>-<20 chars>`, derived from the request number so runs repeat exactly. */
export function generationId(requestId: number, created: number): string {
  return `gen-${created}-${randomAlnum(createRng(Math.imul(requestId, 0x9e3779b1)), 20)}`;
}

export function providerName(model: string): string {
  if (model.startsWith(FAULT_MODEL_PREFIX)) return 'Emulator';
  const slug = model.split('/')[0];
  return PROVIDERS.find((p) => p.slug === slug)?.displayName ?? 'Emulator';
}

export function chunk(
  meta: CompletionMeta,
  delta: Record<string, unknown>,
  finishReason: FinishReason | null,
) {
  return {
    id: meta.id,
    // Live streams name the serving provider on every chunk.
    provider: meta.provider,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, delta, finish_reason: finishReason, native_finish_reason: finishReason }],
  };
}

export function usageChunk(meta: CompletionMeta, usage: Usage, withChoice: boolean) {
  return {
    id: meta.id,
    provider: meta.provider,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    // Documented: an empty array. Some real streams carry a placeholder choice; `usage-in-choices` sends that.
    choices: withChoice ? [{ index: 0, delta: { content: '' }, finish_reason: null }] : [],
    usage,
  };
}

export function midStreamError(code: number | string) {
  return {
    code,
    message: 'Provider disconnected unexpectedly',
    metadata: { error_type: 'provider_unavailable' },
  };
}

export function errorChunk(meta: CompletionMeta, code: number | string) {
  return {
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    provider: meta.provider,
    error: midStreamError(code),
    choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
  };
}

export function reasoningDelta(text: string) {
  return {
    reasoning: text,
    reasoning_details: [{ type: 'reasoning.text', text, format: 'anthropic-claude-v1', index: 0 }],
  };
}

/** A rough count (4 characters per token) that only has to be stable, not exact. */
export function estimatePromptTokens(messages: readonly unknown[]): number {
  let chars = 0;
  let images = 0;
  for (const m of messages) {
    const content = typeof m === 'object' && m !== null ? (m as { content?: unknown }).content : undefined;
    if (typeof content === 'string') chars += content.length;
    else if (Array.isArray(content)) {
      for (const part of content as unknown[]) {
        const p =
          typeof part === 'object' && part !== null ? (part as { type?: unknown; text?: unknown }) : {};
        if (typeof p.text === 'string') chars += p.text.length;
        else if (p.type === 'image_url') images++;
      }
    }
  }
  // Role and framing tokens per message, as chat templates add them.
  return Math.ceil(chars / 4) + messages.length * 4 + images * 85;
}

export function buildUsage(
  model: string,
  promptTokens: number,
  completionTokens: number,
  reasoningTokens: number,
): Usage {
  const pricing = findModel(model)?.pricing;
  const price = (s: string | undefined) => Math.max(0, Number(s ?? 0));
  // Rounded so float noise does not leak into snapshots.
  const round = (n: number) => Number(n.toFixed(10));
  const promptCost = round(promptTokens * price(pricing?.prompt));
  const completionCost = round(completionTokens * price(pricing?.completion));
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    cost: round(promptCost + completionCost),
    is_byok: false,
    prompt_tokens_details: { cached_tokens: 0, cache_write_tokens: 0, audio_tokens: 0, video_tokens: 0 },
    cost_details: {
      upstream_inference_cost: null,
      upstream_inference_prompt_cost: promptCost,
      upstream_inference_completions_cost: completionCost,
    },
    completion_tokens_details: { reasoning_tokens: reasoningTokens, image_tokens: 0 },
  };
}
