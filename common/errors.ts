import { z } from 'zod';
import { type ErrorMessage, englishErrorText } from './i18n/error-messages';

/**
 * Every error that crosses the bridge is one of these codes plus a message written for a person:
 * what happened and what to do. The renderer may branch on `code` to offer the right action button.
 */
export const ERROR_CODES = [
  // IPC layer
  'validation', // payload did not match the contract schema
  'forbidden_sender', // call from a frame that is not our window's main frame at our origin
  'internal', // a bug in a handler; details are logged (redacted) in main only
  'throttled', // this window used up its budget of writing calls or bytes; retryAfterSeconds says when
  // Key vault
  'key_missing',
  'key_invalid_format',
  'key_unreadable',
  'key_origin_mismatch', // the stored key belongs to another OpenRouter origin than this launch's
  'encryption_unavailable',
  'plaintext_storage_refused',
  // Ways a key gets in
  'sign_in_in_progress', // a sign-in already waits for the browser; finish it or cancel it first
  // Chat
  'key_in_message', // what would be sent holds an OpenRouter key: nothing was sent or saved
  'spending_limit_reached', // the daily or monthly limit (Settings → Spending) is reached: nothing was sent
  // Attachments (issue 17)
  'attachment_refused', // a file main will not take (its type by its bytes, its size, a damaged file)
  'unsupported_input', // the model cannot read what is attached (images, audio, PDFs natively): nothing was sent
  // OpenRouter
  'key_rejected', // 401
  'out_of_credits', // 402 with a real zero balance: add credits
  'max_tokens_unaffordable', // 402 "can only afford N": lower Max tokens to affordableTokens
  'key_limit_reached', // the key's own spending limit (402 or 403): raise it on openrouter.ai/settings/keys
  'privacy_blocked', // 404 data policy / "No allowed providers": the account's privacy settings
  'moderation', // 403 with reasons
  'forbidden', // 403 otherwise
  'timeout', // 408, 524, first-byte or idle timeout
  'rate_limited', // 429, with retryAfterSeconds when known
  'provider_unavailable', // 502, 503, 529, 500
  'context_too_long',
  'model_unavailable', // 404 / model_not_found
  'model_retired', // availability model_deprecated / free_variant_ended: the model (or its free variant) is gone
  'region_restricted', // availability region_restricted: not served where the request comes from
  'no_matching_provider', // availability constraint_filtered: the request's routing constraints rule out every provider
  'bad_request', // 400, 413, 422
  'offline', // could not reach OpenRouter at all
  'connection_lost', // the connection broke after the reply had started
  'cancelled',
  'upstream_error', // anything else OpenRouter reported
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/** The 2026 `error.availability.code` values (docs: Responses and errors). */
export const AVAILABILITY_CODES = [
  'model_not_found',
  'wrong_endpoint',
  'no_endpoints',
  'model_deprecated',
  'model_unavailable_upstream',
  'capacity_exhausted',
  'temporarily_unavailable',
  'region_restricted',
  'privacy_restricted',
  'constraint_filtered',
  'free_variant_ended',
] as const;
export const AvailabilityCodeSchema = z.enum(AVAILABILITY_CODES);
export type AvailabilityCode = z.infer<typeof AvailabilityCodeSchema>;

/** At most this many "Try <model>" buttons. */
export const MAX_FALLBACK_MODELS = 3;
/** An OpenRouter model id (`vendor/model`, optional `:variant`), as `fallback_models` lists them. */
export const MODEL_ID_PATTERN =
  /^[a-z0-9][a-z0-9._-]{0,63}\/[a-z0-9][a-z0-9._-]{0,99}(:[a-z0-9._-]{1,32})?$/i;
/** OpenRouter's moderation excerpt is at most 100 characters; a little room for the ellipsis. */
export const MAX_FLAGGED_INPUT_CHARS = 101;

/** A catalog id in one of the `errors.*` areas, as it crosses the bridge. */
export const ErrorMessageIdSchema = z.string().regex(/^errors\.[A-Za-z0-9_.]{1,118}$/);

const ErrorValueNameSchema = z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,39}$/);
const PlainErrorValueSchema = z.union([z.string().max(4000), z.number()]);

/** A nested message's own values: plain strings or numbers only. */
export const FlatErrorValuesSchema = z.record(ErrorValueNameSchema, PlainErrorValueSchema);

/**
 * A catalog message as a placeholder's value (the settings problem inside the routing refusal): each
 * window words it in its own language first, then the outer message around it, so no English sentence
 * rides inside a translated one. One level deep is enough and is all there is: its own `values` are
 * plain (FlatErrorValuesSchema), and `strict` refuses anything else, so a value cannot nest further
 * and the formatter and the sanitiser need no recursion.
 */
export const NestedErrorMessageSchema = z.strictObject({
  messageId: ErrorMessageIdSchema,
  values: FlatErrorValuesSchema.optional(),
});

/** Values for an error message's placeholders: short names; strings, numbers, or a nested message. */
export const ErrorValuesSchema = z.record(
  ErrorValueNameSchema,
  z.union([PlainErrorValueSchema, NestedErrorMessageSchema]),
);

/**
 * An error message's words as a catalog message without the rest of an AppError (the key status's
 * reason): `messageId` and `values`, shown by a window through its one error formatter.
 */
export const ErrorDescriptorSchema = z.object({
  messageId: ErrorMessageIdSchema,
  values: ErrorValuesSchema.optional(),
});
export type ErrorDescriptor = z.infer<typeof ErrorDescriptorSchema>;

export const AppErrorSchema = z.object({
  code: ErrorCodeSchema,
  /** The English text: what the logs say, and what a window shows when it cannot format `messageId`. */
  message: z.string(),
  /**
   * The catalog message (`errors.*`) the window shows in its own language, with `values`. Main never
   * formats errors in the person's language: it holds no locale state per error, and a window that
   * switches language re-renders an error already on screen.
   */
  messageId: ErrorMessageIdSchema.optional(),
  values: ErrorValuesSchema.optional(),
  /** Seconds to wait before trying again (rate limits), when OpenRouter said so. */
  retryAfterSeconds: z.number().nonnegative().optional(),
  /** Moderation reasons (403) as given by OpenRouter. */
  reasons: z.array(z.string()).optional(),
  /** HTTP status from OpenRouter, when the error came from it. */
  status: z.number().int().optional(),
  /** The upstream provider that reported the error (`error.metadata.provider_name`), when named. */
  provider: z.string().optional(),
  /** For max_tokens_unaffordable: the most tokens the credits (or the key's limit) can pay for. */
  affordableTokens: z.number().int().nonnegative().optional(),
  /** Which `error.availability` case this was, when OpenRouter said. */
  availability: AvailabilityCodeSchema.optional(),
  /** OpenRouter's own word on whether the same request may work later (`availability.retryable`). */
  retryable: z.boolean().optional(),
  /** Models OpenRouter suggests instead (`availability.fallback_models`): "Try <model>" buttons. */
  fallbackModels: z.array(z.string().regex(MODEL_ID_PATTERN)).max(MAX_FALLBACK_MODELS).optional(),
  /** Moderation: the excerpt that was flagged (`metadata.flagged_input`), cleaned and redacted. */
  flaggedInput: z.string().max(MAX_FLAGGED_INPUT_CHARS).optional(),
  /** Moderation: the model that required it (`metadata.model_slug`). */
  model: z.string().max(200).optional(),
  /** spending_limit_reached: which limit, what it is, what was spent (with replies in flight), when it resets. */
  spendingLimit: z
    .object({
      period: z.enum(['daily', 'monthly']),
      limitUsd: z.number().nonnegative(),
      spentUsd: z.number().nonnegative(),
      /** ISO 8601: local midnight, or the first of next month. */
      resetsAt: z.string(),
    })
    .optional(),
});
export type AppError = z.infer<typeof AppErrorSchema>;

/** Thrown inside main services; converted to an `AppError` at the bridge. */
export class AppFailure extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
    this.error = error;
  }
}

type ErrorExtra = Omit<AppError, 'code' | 'message' | 'messageId' | 'values'>;

/**
 * The failure for `code`, its words a catalog message: `message` is the English text (exactly what the
 * `en` catalog says), `messageId` and `values` let each window show it in its own language.
 * There is no plain-string form: every failure a person can see has its words in the catalogs
 * (tests that need a failure with text of their own use common/testing/text-failure.ts).
 */
export function appError(code: ErrorCode, text: ErrorMessage, extra: ErrorExtra = {}) {
  return new AppFailure(errorWithText(code, text, extra));
}

/** The AppError itself (for the places that return one rather than throw). */
export function errorWithText(code: ErrorCode, text: ErrorMessage, extra: ErrorExtra = {}): AppError {
  return {
    code,
    message: englishErrorText(text),
    messageId: text.id,
    ...(text.values !== undefined ? { values: { ...text.values } } : {}),
    ...extra,
  };
}
