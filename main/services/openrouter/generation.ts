import { z } from 'zod';
import type { FinishReason, Usage } from '../../../common/chat-types';
import { AppFailure } from '../../../common/errors';
import { normalizeFinishReason, providerName } from './chunk';
import { failure } from './error-mapping';
import { requireKey, responseFailure, send, transportFailure } from './http';
import type { ClientContext } from './options';
import { AttemptScope } from './timeouts';

/**
 * GET /generation?id=… — the final figures of a generation, for a reply whose stream ended without
 * usage (cancelled or cut). Shape per ../shared/docs/openrouter-api.md §6 and a real answer
 * (fixtures/real/generation/, SOURCES.md): counts as `tokens_*` (OpenRouter's normalized count) and
 * `native_*` (the model's own tokenizer, which the stream's usage and billing use), cost as `total_cost`.
 * Validated leniently: a field of an unexpected type reads as absent.
 */

/** What the usage line needs from a generation. */
export interface GenerationInfo {
  usage: Usage;
  provider: string | null;
  model: string | null;
  /** Null while OpenRouter records none (a cancelled generation has `finish_reason: null`). */
  finishReason: FinishReason | null;
  cancelled: boolean;
}

const count = z.number().nullish().catch(null);

const GenerationResponseSchema = z.looseObject({
  data: z.looseObject({
    model: z.string().nullish().catch(null),
    provider_name: z.unknown().optional(),
    total_cost: count,
    upstream_inference_cost: count,
    is_byok: z.boolean().nullish().catch(null),
    tokens_prompt: count,
    tokens_completion: count,
    native_tokens_prompt: count,
    native_tokens_completion: count,
    native_tokens_reasoning: count,
    native_tokens_cached: count,
    native_tokens_completion_images: count,
    finish_reason: z.string().nullish().catch(null),
    cancelled: z.boolean().nullish().catch(null),
  }),
});

/** Ids are `gen-…`; anything else is not sent (it could only be a bug upstream of us). */
const GENERATION_ID = /^[A-Za-z0-9_-]{1,200}$/;

/** The generation's figures, or null when OpenRouter does not know it (yet): 404. */
export async function fetchGeneration(
  ctx: ClientContext,
  generationId: string,
  signal?: AbortSignal,
): Promise<GenerationInfo | null> {
  if (!GENERATION_ID.test(generationId)) {
    throw failure('internal', { id: 'errors.openrouter.invalidGenerationId' });
  }
  const key = requireKey(ctx);
  const scope = new AttemptScope(signal);
  scope.arm('request', ctx.timeouts.requestMs);
  try {
    let response: Response;
    try {
      response = await send(ctx, {
        path: 'generation',
        method: 'GET',
        key,
        query: { id: generationId },
        signal: scope.signal,
      });
    } catch (error) {
      throw transportFailure(ctx, scope, error, 'before-response');
    }
    ctx.log.debug('OpenRouter generation response', { status: response.status });
    let body: unknown;
    try {
      if (response.status === 404) {
        await response.body?.cancel().catch(() => undefined);
        return null;
      }
      if (!response.ok) throw await responseFailure(ctx, response, key);
      body = JSON.parse(await response.text()) as unknown;
    } catch (error) {
      if (error instanceof AppFailure) throw error;
      if (error instanceof SyntaxError) return unreadable(ctx);
      throw transportFailure(ctx, scope, error, 'before-response');
    }
    const parsed = GenerationResponseSchema.safeParse(body);
    if (!parsed.success) return unreadable(ctx);
    return toGenerationInfo(parsed.data.data);
  } finally {
    scope.dispose();
  }
}

function unreadable(ctx: ClientContext): never {
  ctx.log.warn('OpenRouter generation details had an unexpected shape');
  throw failure('upstream_error', { id: 'errors.openrouter.unreadableGeneration' });
}

function tokens(n: number | null | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? Math.round(n) : undefined;
}

function amount(n: number | null | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0 ? n : undefined;
}

function toGenerationInfo(d: z.infer<typeof GenerationResponseSchema>['data']): GenerationInfo {
  const reasoning = tokens(d.native_tokens_reasoning);
  const cached = tokens(d.native_tokens_cached);
  const images = tokens(d.native_tokens_completion_images);
  const cost = amount(d.total_cost);
  const upstream = amount(d.upstream_inference_cost);
  const usage: Usage = {
    // The native counts are what the stream's usage reports and what is billed; the normalized ones
    // stand in when a generation has none.
    promptTokens: tokens(d.native_tokens_prompt) ?? tokens(d.tokens_prompt) ?? 0,
    completionTokens: tokens(d.native_tokens_completion) ?? tokens(d.tokens_completion) ?? 0,
    ...(reasoning !== undefined ? { reasoningTokens: reasoning } : {}),
    ...(cost !== undefined ? { cost } : {}),
    ...(cached !== undefined ? { cachedPromptTokens: cached } : {}),
    ...(images !== undefined ? { imageTokens: images } : {}),
    ...(typeof d.is_byok === 'boolean' ? { isByok: d.is_byok } : {}),
    // Real non-BYOK generations report 0 here; it only means something for BYOK.
    ...(d.is_byok === true && upstream !== undefined ? { upstreamCost: upstream } : {}),
  };
  return {
    usage,
    provider: providerName(d.provider_name),
    model: d.model ?? null,
    finishReason: typeof d.finish_reason === 'string' ? normalizeFinishReason(d.finish_reason) : null,
    cancelled: d.cancelled === true,
  };
}
