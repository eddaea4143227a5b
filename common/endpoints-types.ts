import { z } from 'zod';

/**
 * What the Providers controls pick from (issue 15): the providers serving one model
 * (`GET /models/{author}/{slug}/endpoints`), the account's own model list (`GET /models/user`) and
 * OpenRouter's provider list (`GET /providers`). Converted by main to the units shown; nothing here
 * is OpenRouter's wire shape.
 */

/** One provider endpoint of a model. */
export const ModelEndpointSchema = z.object({
  /** The provider's display name, e.g. "Anthropic", "DeepInfra". */
  providerName: z.string().max(200),
  /** The slug `provider.order/only/ignore` take for this endpoint (OpenRouter's `tag`), e.g. "deepinfra/fp8". */
  providerSlug: z.string().max(200),
  /** USD per million prompt / completion tokens; null when OpenRouter gives no price. */
  promptPricePerMTok: z.number().nullable(),
  completionPricePerMTok: z.number().nullable(),
  contextLength: z.number().int().nonnegative().nullable(),
  maxCompletionTokens: z.number().int().nonnegative().nullable(),
  /** e.g. "fp8"; null when not stated. */
  quantization: z.string().max(50).nullable(),
  /** Percentage of successful requests over the last 30 minutes (0–100); null when not stated. */
  uptimeLast30m: z.number().min(0).max(100).nullable(),
  supportedParameters: z.array(z.string().max(100)),
});
export type ModelEndpoint = z.infer<typeof ModelEndpointSchema>;

export const ModelEndpointsSchema = z.object({ endpoints: z.array(ModelEndpointSchema) });
export type ModelEndpoints = z.infer<typeof ModelEndpointsSchema>;

/** A provider OpenRouter routes to: its slug (as routing takes it) and display name. */
export const ProviderInfoSchema = z.object({ slug: z.string().max(200), name: z.string().max(200) });
export type ProviderInfo = z.infer<typeof ProviderInfoSchema>;
