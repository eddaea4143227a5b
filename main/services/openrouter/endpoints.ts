import { z } from 'zod';
import { ProviderSlugSchema } from '../../../common/request-options';
import { failure } from './error-mapping';
import { getJson, modelEndpointsPath, requireKey } from './http';
import { pricePerMillion } from './models';
import type { ClientContext } from './options';

/**
 * GET /models/{author}/{slug}/endpoints → the providers that serve a model, to pick from in the
 * provider settings instead of typing names. Validation is per endpoint: an odd entry is dropped, not
 * the list.
 */

/** One provider endpoint of a model, as the provider picker shows it. */
export interface ModelEndpoint {
  /** e.g. "DeepInfra". */
  providerName: string;
  /**
   * The slug `provider.order/only/ignore` take for exactly this endpoint (`tag`, e.g. "deepinfra/fp8");
   * null when OpenRouter's tag is missing or not a slug.
   */
  tag: string | null;
  /** e.g. "fp8"; null when unknown. */
  quantization: string | null;
  contextLength: number | null;
  maxCompletionTokens: number | null;
  promptPricePerMTok: number | null;
  completionPricePerMTok: number | null;
  /** Percent (0–100) of requests served in the last 30 minutes; null when OpenRouter has no figure. */
  uptimeLast30m: number | null;
  /** OpenRouter's endpoint status code (0 = serving; negative = degraded or down); null when absent. */
  status: number | null;
  supportedParameters: string[];
}

export interface ModelEndpoints {
  modelId: string;
  endpoints: ModelEndpoint[];
  /** Entries that could not be read and were left out. */
  skipped: number;
}

const Price = z.union([z.string(), z.number()]).nullish().catch(undefined);
const Count = z.number().int().positive().nullish().catch(undefined);

const EndpointSchema = z.looseObject({
  provider_name: z.string().trim().min(1).max(200),
  tag: z.string().nullish().catch(undefined),
  quantization: z.string().max(40).nullish().catch(undefined),
  context_length: Count,
  max_completion_tokens: Count,
  pricing: z.looseObject({ prompt: Price, completion: Price }).nullish().catch(undefined),
  uptime_last_30m: z.number().min(0).max(100).nullish().catch(undefined),
  status: z.number().int().nullish().catch(undefined),
  supported_parameters: z.array(z.string()).nullish().catch(undefined),
});

const EndpointsResponseSchema = z.looseObject({
  data: z.looseObject({ id: z.string().optional(), endpoints: z.array(z.unknown()) }),
});

function slugOrNull(tag: string | null | undefined): string | null {
  if (!tag) return null;
  const parsed = ProviderSlugSchema.safeParse(tag.trim().toLowerCase());
  return parsed.success ? parsed.data : null;
}

/** Returns null when the envelope itself is not an endpoint list. */
export function parseModelEndpoints(modelId: string, body: unknown): ModelEndpoints | null {
  const envelope = EndpointsResponseSchema.safeParse(body);
  if (!envelope.success) return null;
  const endpoints: ModelEndpoint[] = [];
  let skipped = 0;
  for (const entry of envelope.data.data.endpoints) {
    const parsed = EndpointSchema.safeParse(entry);
    if (!parsed.success) {
      skipped++;
      continue;
    }
    const e = parsed.data;
    endpoints.push({
      providerName: e.provider_name,
      tag: slugOrNull(e.tag),
      quantization: e.quantization && e.quantization !== 'unknown' ? e.quantization : null,
      contextLength: e.context_length ?? null,
      maxCompletionTokens: e.max_completion_tokens ?? null,
      promptPricePerMTok: pricePerMillion(e.pricing?.prompt),
      completionPricePerMTok: pricePerMillion(e.pricing?.completion),
      uptimeLast30m: e.uptime_last_30m ?? null,
      status: e.status ?? null,
      supportedParameters: e.supported_parameters ?? [],
    });
  }
  return { modelId, endpoints, skipped };
}

export async function listModelEndpoints(ctx: ClientContext, modelId: string): Promise<ModelEndpoints> {
  const path = modelEndpointsPath(modelId);
  if (path === null) {
    throw failure('validation', { id: 'errors.openrouter.endpointsNeedModelId' });
  }
  const key = requireKey(ctx);
  const body = await getJson(ctx, path, key);
  const parsed = parseModelEndpoints(modelId, body);
  if (parsed === null) {
    ctx.log.warn('OpenRouter endpoint list had an unexpected shape', { modelId });
    throw failure('upstream_error', { id: 'errors.openrouter.unreadableProviders' });
  }
  if (parsed.skipped > 0) ctx.log.warn('Skipped unreadable endpoints', { modelId, skipped: parsed.skipped });
  return parsed;
}
