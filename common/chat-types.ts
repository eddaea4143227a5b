import { z } from 'zod';
import { AppErrorSchema } from './errors';

export const ChatRoleSchema = z.enum(['system', 'user', 'assistant']);
export type ChatRole = z.infer<typeof ChatRoleSchema>;

export const ChatMessageSchema = z.object({
  role: ChatRoleSchema,
  content: z.string().max(2_000_000),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

/** A chat completion request as the renderer may ask for it; main adds auth, headers and `stream`. */
export const ChatRequestSchema = z.object({
  model: z.string().min(1).max(200),
  messages: z.array(ChatMessageSchema).min(1).max(10_000),
  temperature: z.number().min(0).max(2).optional(),
  maxTokens: z.number().int().positive().max(1_000_000).optional(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

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
  /** Credits (USD) charged, as reported by OpenRouter. */
  cost: z.number().nonnegative().optional(),
});
export type Usage = z.infer<typeof UsageSchema>;

/** Outcome of a completed stream. */
export const ChatResultSchema = z.object({
  content: z.string(),
  reasoning: z.string(),
  finishReason: FinishReasonSchema,
  usage: UsageSchema.nullable(),
  generationId: z.string().nullable(),
  /** The model that actually served the request (may differ from the one asked for). */
  model: z.string().nullable(),
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
});
export type ModelSummary = z.infer<typeof ModelSummarySchema>;

export const ModelListSchema = z.object({
  models: z.array(ModelSummarySchema),
  fetchedAt: z.string(), // ISO 8601
  /** True when OpenRouter could not be reached and this is the last good copy. */
  stale: z.boolean(),
});
export type ModelList = z.infer<typeof ModelListSchema>;
