import { z } from 'zod';
import { AppErrorSchema } from './errors';
import { ModelReasoningSchema, type RequestOptions } from './request-options';

export const ChatRoleSchema = z.enum(['system', 'user', 'assistant']);
export type ChatRole = z.infer<typeof ChatRoleSchema>;

/**
 * One `reasoning_details` entry exactly as OpenRouter sent it (after merging a stream's fragments):
 * opaque to us, sent back unmodified on later turns (encrypted blocks and signatures included).
 */
export const ReasoningDetailSchema = z.record(z.string(), z.unknown());
export type ReasoningDetail = z.infer<typeof ReasoningDetailSchema>;

/**
 * A `file` annotation OpenRouter returned after parsing a PDF (`{type:"file", file:{hash, name,
 * content}}`): kept with the reply and sent back unmodified on later turns, so the same PDF is not
 * parsed (and paid for) again (https://openrouter.ai/docs/guides/overview/multimodal/pdfs,
 * "Skip Parsing Costs"). Opaque to us beyond its type.
 */
export const FileAnnotationSchema = z.record(z.string(), z.unknown());
export type FileAnnotation = z.infer<typeof FileAnnotationSchema>;

/**
 * A file of a user message as main sends it (never crosses IPC): its reference and its bytes, read
 * from the history folder. Text files are sent inlined; the rest as their content part.
 */
export const OutgoingAttachmentSchema = z.object({
  kind: z.enum(['image', 'pdf', 'text', 'audio']),
  name: z.string(),
  mimeType: z.string(),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array),
});
export type OutgoingAttachment = z.infer<typeof OutgoingAttachmentSchema>;

export const ChatMessageSchema = z.object({
  role: ChatRoleSchema,
  content: z.string().max(2_000_000),
  /** An assistant reply's reasoning_details, sent back so reasoning models can continue their thought. */
  reasoningDetails: z.array(ReasoningDetailSchema).optional(),
  /** A user message's attachments (issue 17), in the order attached. */
  attachments: z.array(OutgoingAttachmentSchema).optional(),
  /**
   * Names of attachments whose files are missing or damaged: the request says so in a text part
   * instead of silently dropping them.
   */
  missingAttachments: z.array(z.string()).optional(),
  /** An assistant reply's `file` annotations, sent back so OpenRouter reuses the PDF's parse. */
  fileAnnotations: z.array(FileAnnotationSchema).optional(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** A chat completion request as the renderer may ask for it; main adds auth, headers and `stream`. */
export const ChatRequestSchema = z.object({
  model: z.string().min(1).max(200),
  messages: z.array(ChatMessageSchema).min(1).max(10_000),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().max(1_000_000).optional(),
});
/** Main's request: the messages and sampling above, plus the person's choices (issue 15). */
export type ChatRequest = z.infer<typeof ChatRequestSchema> & RequestOptions;

export const FinishReasonSchema = z.enum([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'error',
  'unknown',
]);
export type FinishReason = z.infer<typeof FinishReasonSchema>;

export const UsageSchema = z.object({
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  reasoningTokens: z.number().int().nonnegative().optional(),
  /** Credits (USD) charged, as reported by OpenRouter (`usage.cost`). */
  cost: z.number().nonnegative().optional(),
  /** Prompt tokens read from the provider's cache (`prompt_tokens_details.cached_tokens`), billed at the cache price. */
  cachedPromptTokens: z.number().int().nonnegative().optional(),
  /** Prompt tokens written to the cache (`prompt_tokens_details.cache_write_tokens`). */
  cacheWriteTokens: z.number().int().nonnegative().optional(),
  /** Completion tokens spent on generated images (`completion_tokens_details.image_tokens`). */
  imageTokens: z.number().int().nonnegative().optional(),
  /** Web searches billed for this reply (`server_tool_use_details.web_search_requests`). */
  webSearchRequests: z.number().int().nonnegative().optional(),
  /** The request ran on the person's own provider key (`usage.is_byok`). */
  isByok: z.boolean().optional(),
  /** For BYOK: what the upstream provider charged (`cost_details.upstream_inference_cost`), USD. */
  upstreamCost: z.number().nonnegative().optional(),
});
export type Usage = z.infer<typeof UsageSchema>;

/**
 * A web source the reply cites (`annotations[].url_citation`). Only https URLs are kept; `host` is the
 * URL's host name, shown beside the title so the person sees where a link goes.
 */
export const CitationSchema = z.object({
  url: z.string().max(4096),
  title: z.string().max(500),
  host: z.string().max(255),
});
export type Citation = z.infer<typeof CitationSchema>;

export const REPLY_IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;

/**
 * An image the model returned (`images[]`), as the renderer knows it: a reference, never the bytes. The
 * bytes are kept by main in a file beside the conversation; the renderer asks for them by `id`.
 */
export const ReplyImageSchema = z.object({
  /** Unique within its reply, e.g. `1.png`. */
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}\.(png|jpeg|webp|gif)$/),
  mimeType: z.enum(REPLY_IMAGE_TYPES),
  byteLength: z.number().int().positive(),
  /**
   * The SHA-256 of the bytes: the file's name in the history folder's content-addressed store
   * (issue 17). Absent for images saved before that store, which stay where they were written.
   */
  sha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/)
    .optional(),
});
export type ReplyImage = z.infer<typeof ReplyImageSchema>;

/** Outcome of a completed stream. */
export const ChatResultSchema = z.object({
  content: z.string(),
  reasoning: z.string(),
  finishReason: FinishReasonSchema,
  usage: UsageSchema.nullable(),
  generationId: z.string().nullable(),
  /** The model that actually served the request (may differ from the one asked for). */
  model: z.string().nullable(),
  /** The provider that served the reply (the chunks' `provider`), when OpenRouter named it. */
  provider: z.string().nullable(),
  citations: z.array(CitationSchema),
  images: z.array(ReplyImageSchema),
});
export type ChatResult = z.infer<typeof ChatResultSchema>;

/**
 * Events a stream emits, in order: any number of `delta`, then exactly one of `done` or `error`.
 * `usage` may arrive once before `done`.
 */
export const ChatStreamEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('delta'), content: z.string(), reasoning: z.string() }),
  z.object({ type: z.literal('usage'), usage: UsageSchema }),
  z.object({ type: z.literal('done'), result: ChatResultSchema }),
  z.object({
    type: z.literal('error'),
    error: AppErrorSchema,
    /** Text received before the failure; it is kept, never thrown away. */
    partialContent: z.string(),
    partialReasoning: z.string(),
  }),
]);
export type ChatStreamEvent = z.infer<typeof ChatStreamEventSchema>;

/** The other prices of `pricing` (null when OpenRouter gives none), converted to the units shown. */
export const ExtraPricesSchema = z.object({
  /** USD per million prompt tokens read from the cache (`input_cache_read`). */
  cacheReadPerMTok: z.number().nullable(),
  /** USD per million prompt tokens written to the cache (`input_cache_write`). */
  cacheWritePerMTok: z.number().nullable(),
  /** USD per million internal reasoning tokens (`internal_reasoning`). */
  internalReasoningPerMTok: z.number().nullable(),
  /** USD per web search (`web_search`). */
  webSearchPerRequest: z.number().nullable(),
  /** USD per image (`image`). */
  perImage: z.number().nullable(),
  /** USD per request, whatever its size (`request`). */
  perRequest: z.number().nullable(),
});
export type ExtraPrices = z.infer<typeof ExtraPricesSchema>;

export const ModelSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  contextLength: z.number().int().nonnegative().nullable(),
  /** USD per million prompt tokens; null when OpenRouter gives no price. */
  promptPricePerMTok: z.number().nullable(),
  completionPricePerMTok: z.number().nullable(),
  inputModalities: z.array(z.string()),
  outputModalities: z.array(z.string()),
  supportedParameters: z.array(z.string()),
  isFree: z.boolean(),
  /**
   * The day (YYYY-MM-DD) OpenRouter will retire the model (`expiration_date`); absent when none is
   * announced.
   */
  expirationDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional(),
  description: z.string().optional(),
  /** The model's knowledge cutoff as OpenRouter gives it (`knowledge_cutoff`, usually YYYY-MM-DD). */
  knowledgeCutoff: z.string().optional(),
  /** The most tokens one reply can have (`top_provider.max_completion_tokens`); null when unlimited or unknown. */
  maxCompletionTokens: z.number().int().positive().nullable().optional(),
  /** Prices beyond prompt and completion; absent in caches written before they were read. */
  extraPrices: ExtraPricesSchema.optional(),
  /** The model's reasoning options (`reasoning{…}`); absent when it has none or OpenRouter gives none. */
  reasoning: ModelReasoningSchema.optional(),
});
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

export const ModelListSchema = z.object({
  models: z.array(ModelSummarySchema),
  fetchedAt: z.string(), // ISO 8601
  /** True when OpenRouter could not be reached and this is the last good copy. */
  stale: z.boolean(),
});
export type ModelList = z.infer<typeof ModelListSchema>;
