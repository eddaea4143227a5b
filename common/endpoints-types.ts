import { z } from 'zod';

/**
 * What the Providers controls pick from (issue 15): the providers serving one model
 * (`GET /models/{author}/{slug}/endpoints`), the account's own model list (`GET /models/user`) and
 * OpenRouter's provider list (`GET /providers`). Converted by main to the units shown; nothing here
 * is OpenRouter's wire shape.
 */

/** One provider endpoint of a model (the OpenRouter client's ModelEndpoint, checked at the bridge). */
export const ModelEndpointSchema = z.object({
  /** The provider's display name, e.g. "DeepInfra". */
  providerName: z.string().max(200),
  /**
   * The slug `provider.order/only/ignore` take for exactly this endpoint (OpenRouter's `tag`, e.g.
   * "deepinfra/fp8"); null when OpenRouter's tag is missing or not a slug.
   */
  tag: z.string().max(200).nullable(),
  /** e.g. "fp8"; null when unknown. */
  quantization: z.string().max(50).nullable(),
  contextLength: z.number().int().nonnegative().nullable(),
  maxCompletionTokens: z.number().int().nonnegative().nullable(),
  /** USD per million prompt / completion tokens; null when OpenRouter gives no price. */
  promptPricePerMTok: z.number().nullable(),
  completionPricePerMTok: z.number().nullable(),
  /** Percent (0–100) of requests served in the last 30 minutes; null when OpenRouter has no figure. */
  uptimeLast30m: z.number().min(0).max(100).nullable(),
  /** OpenRouter's endpoint status code (0 = serving; negative = degraded or down); null when absent. */
  status: z.number().int().nullable(),
  supportedParameters: z.array(z.string().max(100)),
});
export type ModelEndpoint = z.infer<typeof ModelEndpointSchema>;

export const ModelEndpointsSchema = z.object({ endpoints: z.array(ModelEndpointSchema) });
export type ModelEndpoints = z.infer<typeof ModelEndpointsSchema>;

/** A provider OpenRouter routes to: its slug (as routing takes it), display name and privacy policy. */
export const ProviderInfoSchema = z.object({
  slug: z.string().max(200),
  name: z.string().max(200),
  /** An https link, when OpenRouter gives one. */
  privacyPolicyUrl: z.string().max(2000).optional(),
});
export type ProviderInfo = z.infer<typeof ProviderInfoSchema>;
