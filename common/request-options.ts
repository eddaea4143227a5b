import { z } from 'zod';

/**
 * What the person may choose about a request beyond its messages (issue 15): how hard the model
 * thinks, which providers may serve it, fallback models, and web search. Every choice is optional:
 * with none made, requests stay byte-for-byte what they were. The OpenRouter client turns these into
 * request fields (chat-stream.ts `chatRequestBody`); nothing here is OpenRouter's wire shape.
 */

/** OpenRouter's `reasoning.effort` values (../shared/docs/openrouter-api.md §2, "Reasoning"). */
export const REASONING_EFFORTS = ['max', 'xhigh', 'high', 'medium', 'low', 'minimal', 'none'] as const;
export const ReasoningEffortSchema = z.enum(REASONING_EFFORTS);
export type ReasoningEffort = z.infer<typeof ReasoningEffortSchema>;

/**
 * One form at a time: OpenRouter rejects `effort` and `max_tokens` together (400), so the type cannot
 * hold both. `off` sends `reasoning: {enabled: false}`, only for models where reasoning is not
 * mandatory. No choice (null/absent) sends no `reasoning` field at all.
 */
export const ReasoningChoiceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('effort'), effort: ReasoningEffortSchema }).strict(),
  z.object({ kind: z.literal('budget'), maxTokens: z.number().int().min(1).max(1_000_000) }).strict(),
  z.object({ kind: z.literal('off') }).strict(),
]);
export type ReasoningChoice = z.infer<typeof ReasoningChoiceSchema>;

/** What a model says about its reasoning (`/models` `reasoning{…}`), as the controls need it. */
export const ModelReasoningSchema = z.object({
  /** Only the efforts in REASONING_EFFORTS, in OpenRouter's order; [] when the model lists none. */
  supportedEfforts: z.array(ReasoningEffortSchema),
  defaultEffort: ReasoningEffortSchema.nullable(),
  /** Whether reasoning is on when the request says nothing; null when OpenRouter does not say. */
  defaultEnabled: z.boolean().nullable(),
  /** Reasoning cannot be turned off. */
  mandatory: z.boolean(),
  /** A token budget (`reasoning.max_tokens`) is accepted. */
  supportsMaxTokens: z.boolean(),
});
export type ModelReasoning = z.infer<typeof ModelReasoningSchema>;

/**
 * An OpenRouter provider slug as `provider.order/only/ignore` take it: lower case, e.g. `anthropic`,
 * `google-vertex`, `deepinfra/fp8` (a provider's endpoint variant).
 */
export const ProviderSlugSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}(\/[a-z0-9][a-z0-9._-]{0,31})?$/, {
    message: 'A provider is named by its OpenRouter slug, such as "anthropic" or "deepinfra/fp8".',
  });
export type ProviderSlug = z.infer<typeof ProviderSlugSchema>;

export const ProviderSortSchema = z.enum(['price', 'throughput', 'latency']);
export const QuantizationSchema = z.enum([
  'int4',
  'int8',
  'fp4',
  'fp6',
  'fp8',
  'fp16',
  'bf16',
  'fp32',
  'unknown',
]);
export type Quantization = z.infer<typeof QuantizationSchema>;

const Slugs = z.array(ProviderSlugSchema).min(1).max(50);
const PricePerMTok = z.number().nonnegative().max(100_000);

/**
 * OpenRouter's `provider` routing object, as the person sets it (Settings → "Providers" for the
 * default, or per conversation). Absent fields are not sent. `dataCollection: 'deny'` refuses
 * providers that collect or train on the data; `zdr: true` allows only zero-data-retention endpoints.
 */
export const ProviderPreferencesSchema = z
  .object({
    order: Slugs.optional(),
    only: Slugs.optional(),
    ignore: Slugs.optional(),
    allowFallbacks: z.boolean().optional(),
    sort: ProviderSortSchema.optional(),
    dataCollection: z.literal('deny').optional(),
    zdr: z.literal(true).optional(),
    quantizations: z.array(QuantizationSchema).min(1).max(9).optional(),
    /** USD per million tokens; OpenRouter's `max_price.prompt` / `.completion`. */
    maxPrice: z
      .object({ promptPerMTok: PricePerMTok.optional(), completionPerMTok: PricePerMTok.optional() })
      .strict()
      .optional(),
    requireParameters: z.literal(true).optional(),
  })
  .strict();
export type ProviderPreferences = z.infer<typeof ProviderPreferencesSchema>;

/** A model id as `model`/`models` take it, including an OpenRouter preset (`@preset/slug`). */
export const ModelIdSchema = z
  .string()
  .regex(/^(@preset\/[a-z0-9][a-z0-9._-]{0,99}|[a-z0-9~][\w.~-]{0,99}\/[\w.:~-]{1,150})$/i, {
    message: 'A model is named by its OpenRouter id, such as "openai/gpt-4o", or a preset "@preset/name".',
  });

/** Fallback models in priority order (`models: [...]`): at least one when set, never the same twice. */
export const FallbackModelsSchema = z
  .array(ModelIdSchema)
  .min(1)
  .max(10)
  .refine((ids) => new Set(ids).size === ids.length, { message: 'A fallback model is listed twice.' });

export const WebSearchEngineSchema = z.enum(['auto', 'native', 'exa', 'firecrawl', 'parallel', 'perplexity']);
export type WebSearchEngine = z.infer<typeof WebSearchEngineSchema>;

/** How a web search runs when the person turns it on (Settings); it is never on by default. */
export const WebSearchSettingsSchema = z
  .object({
    engine: WebSearchEngineSchema,
    maxResults: z.number().int().min(1).max(25),
  })
  .strict();
export type WebSearchSettings = z.infer<typeof WebSearchSettingsSchema>;

export const DEFAULT_WEB_SEARCH: WebSearchSettings = { engine: 'auto', maxResults: 5 };

/**
 * Exa's price as OpenRouter bills it (../shared/docs/openrouter-api.md §11): about $0.007 per request
 * of up to 10 results, plus $0.001 for each result beyond 10. Here so the window's note before sending
 * (renderer/src/format/web-search-cost.ts) and main's estimate (main/services/estimate) use one figure.
 */
export const EXA_PER_REQUEST_USD = 0.007;
export const EXA_INCLUDED_RESULTS = 10;
export const EXA_PER_EXTRA_RESULT_USD = 0.001;

export function exaRequestPrice(maxResults: number): number {
  return EXA_PER_REQUEST_USD + Math.max(0, maxResults - EXA_INCLUDED_RESULTS) * EXA_PER_EXTRA_RESULT_USD;
}

/**
 * A conversation's own choices, kept with it. null/absent means "use the default" (Settings, or the
 * model's own). `webSearchAlways` keeps web search on for every message of this conversation — only
 * by the person's explicit choice; otherwise the composer's toggle covers the next message only.
 */
export const ConversationOptionsSchema = z
  .object({
    reasoning: ReasoningChoiceSchema.nullable(),
    provider: ProviderPreferencesSchema.nullable(),
    fallbackModels: FallbackModelsSchema.nullable(),
    webSearchAlways: z.boolean(),
  })
  .strict();
export type ConversationOptions = z.infer<typeof ConversationOptionsSchema>;

export const DEFAULT_CONVERSATION_OPTIONS: ConversationOptions = {
  reasoning: null,
  provider: null,
  fallbackModels: null,
  webSearchAlways: false,
};

/**
 * What one request asks of OpenRouter beyond model and messages, resolved by main from the
 * conversation's options, Settings and the composer (main-internal; the client maps it to fields).
 */
export interface RequestOptions {
  reasoning?: ReasoningChoice;
  provider?: ProviderPreferences;
  fallbackModels?: readonly string[];
  /** A stable id per conversation (`session_id`), so OpenRouter keeps it on one provider and caching pays. */
  sessionId?: string;
  webSearch?: WebSearchSettings;
  /**
   * The PDF engine (the `file-parser` plugin), resolved from Settings for this model; sent only when
   * a message of the request carries a PDF (issue 17).
   */
  pdfEngine?: 'cloudflare-ai' | 'mistral-ocr' | 'native';
}
