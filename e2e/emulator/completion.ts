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
  /** Only when the request used web search (docs §11: `server_tool_use_details.web_search_requests`). */
  server_tool_use_details?: { web_search_requests: number };
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

export const REASONING_FORMAT = 'anthropic-claude-v1';

export function reasoningDelta(text: string) {
  return {
    reasoning: text,
    reasoning_details: [{ type: 'reasoning.text', text, format: REASONING_FORMAT, index: 0 }],
  };
}

/**
 * As the real thinking stream (fixtures/real/streams/…VatY3XorSc2…): the first reasoning fragment
 * carries `signature: ""`, and where the reasoning ends a fragment without text brings the signature
 * (with `reasoning: null`).
 */
export function firstReasoningDelta(text: string) {
  return {
    reasoning: text,
    reasoning_details: [{ type: 'reasoning.text', text, signature: '', format: REASONING_FORMAT, index: 0 }],
  };
}

/** A stable fake signature for the reply's reasoning (base64, like the real ones). */
export function reasoningSignature(id: string): string {
  return Buffer.from(`emulator-signature:${id}`).toString('base64');
}

export function signatureDelta(id: string) {
  return {
    reasoning: null,
    reasoning_details: [
      { type: 'reasoning.text', signature: reasoningSignature(id), format: REASONING_FORMAT, index: 0 },
    ],
  };
}

/** One opaque block, as providers that encrypt their reasoning send it (docs §3: `reasoning.encrypted`). */
export function encryptedReasoningDetail(id: string) {
  return {
    type: 'reasoning.encrypted',
    data: Buffer.from(`emulator-encrypted-reasoning:${id}`).toString('base64'),
    format: REASONING_FORMAT,
    index: 1,
  };
}

/**
 * Web search results as `url_citation` annotations, keys in the order of the real recording
 * (fixtures/real/streams/…SQdqVfHTM78…): end_index, start_index, title, url, content.
 */
export function webSearchAnnotations() {
  return [
    {
      type: 'url_citation',
      url_citation: {
        end_index: 0,
        start_index: 0,
        title: 'Streams in depth — Emulator Docs',
        url: 'https://docs.emulator.test/streams',
        content: 'Streams deliver data in pieces as it becomes available.',
      },
    },
    {
      type: 'url_citation',
      url_citation: {
        end_index: 0,
        start_index: 0,
        title: 'Backpressure explained',
        url: 'https://blog.emulator.test/backpressure?ref=search',
        content: 'A fast producer must wait for a slow consumer.',
      },
    },
  ];
}

/** A real 1×1 PNG, the smallest image an image-output model could return. */
export const ONE_PIXEL_PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Image tokens billed for one generated image (a plausible fixed count; real ones vary by model). */
export const IMAGE_TOKENS = 1290;

export function replyImages() {
  return [{ type: 'image_url', image_url: { url: `data:image/png;base64,${ONE_PIXEL_PNG_BASE64}` } }];
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
  /** Prompt tokens read from the cache (prompt-cache.ts), billed at the cache-read price. */
  cachedTokens = 0,
): Usage {
  const pricing = findModel(model)?.pricing;
  const price = (s: string | undefined) => Math.max(0, Number(s ?? 0));
  // Rounded so float noise does not leak into snapshots.
  const round = (n: number) => Number(n.toFixed(10));
  const cached = Math.min(cachedTokens, promptTokens);
  // As in the real caching recording: 1405 cached of 1421 at $0.30/M plus 16 at $3/M = $0.0004695.
  const promptCost = round(
    (promptTokens - cached) * price(pricing?.prompt) + cached * price(pricing?.input_cache_read),
  );
  const completionCost = round(completionTokens * price(pricing?.completion));
  // Models billed per request (FLUX image models) cost that much on top of their tokens. It is left
  // out of the upstream prompt/completion parts, which are token costs.
  const requestCost = price(pricing?.request);
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    cost: round(promptCost + completionCost + requestCost),
    is_byok: false,
    prompt_tokens_details: {
      cached_tokens: cached,
      cache_write_tokens: 0,
      audio_tokens: 0,
      video_tokens: 0,
    },
    cost_details: {
      upstream_inference_cost: null,
      upstream_inference_prompt_cost: promptCost,
      upstream_inference_completions_cost: completionCost,
    },
    completion_tokens_details: { reasoning_tokens: reasoningTokens, image_tokens: 0 },
  };
}
