import { z } from 'zod';
import { AppFailure, type AvailabilityCode, type ErrorCode, errorWithText } from '../../../common/errors';
import type { ErrorMessage, ErrorMessageId } from '../../../common/i18n/error-messages';
import { sanitiseAppError } from '../log/sanitise-errors';
import { creditsError, policyError } from './account-errors';
import { availabilityError, isAvailabilityCode } from './availability-errors';
import { unsupportedInputError } from './input-errors';
import { moderationError } from './moderation-errors';
import { cleanUpstreamText, providerReason } from './provider-reason';
import { scrub } from './scrub';

/**
 * Turns what OpenRouter reports (HTTP status, JSON error body, mid-stream error chunk) into an
 * AppFailure with a message written for a person: a catalog message (errors.openrouter.*) that each
 * window shows in its own language, with OpenRouter's and the provider's own wording as values (so the
 * error still shows its true cause). Every message and value passes `scrub`, because upstream text can
 * echo the request, including the Authorization header.
 */

/** The fixed messages (errors.openrouter.*); each window shows them in its own language. */
export const MESSAGES = {
  keyMissing: { id: 'errors.openrouter.keyMissing' },
  keyRejected: { id: 'errors.openrouter.keyRejected' },
  outOfCredits: { id: 'errors.openrouter.outOfCredits' },
  providerUnavailable: { id: 'errors.openrouter.providerUnavailable' },
  contextTooLong: { id: 'errors.openrouter.contextTooLong' },
  offline: { id: 'errors.openrouter.offline' },
  connectionLost: { id: 'errors.openrouter.connectionLost' },
  cancelled: { id: 'errors.openrouter.cancelled' },
  upstreamTimeout: { id: 'errors.openrouter.upstreamTimeout' },
  modelUnavailable: { id: 'errors.openrouter.modelUnavailable' },
  malformedReply: { id: 'errors.openrouter.malformedReply' },
  unexpectedRedirect: { id: 'errors.openrouter.unexpectedRedirect' },
} as const satisfies Record<string, ErrorMessage>;

/** Whole seconds, or two decimals below one second (short timeouts used by tests and settings). */
function seconds(ms: number): number {
  const s = ms / 1000;
  return s >= 1 ? Math.round(s) : Number(s.toFixed(2));
}

/** "60 s" for whole seconds, "0.3 s" below one second (short timeouts used by tests and settings). */
export function formatSeconds(ms: number): string {
  return `${seconds(ms)} s`;
}

export function firstByteTimeoutMessage(ms: number): ErrorMessage {
  return { id: 'errors.openrouter.firstByteTimeout', values: { seconds: seconds(ms) } };
}

export function idleTimeoutMessage(ms: number): ErrorMessage {
  return { id: 'errors.openrouter.idleTimeout', values: { seconds: seconds(ms) } };
}

export function requestTimeoutMessage(ms: number): ErrorMessage {
  return { id: 'errors.openrouter.requestTimeout', values: { seconds: seconds(ms) } };
}

export function rateLimitedMessage(retryAfterSeconds: number | undefined): ErrorMessage {
  if (retryAfterSeconds === undefined) return { id: 'errors.openrouter.rateLimited' };
  return { id: 'errors.openrouter.rateLimitedFor', values: { seconds: retryAfterSeconds } };
}

/** Builds the failure; the single place where messages, their values and reasons are scrubbed. */
export function failure(
  code: ErrorCode,
  message: ErrorMessage,
  extra: {
    status?: number;
    retryAfterSeconds?: number;
    reasons?: readonly string[];
    provider?: string;
    affordableTokens?: number;
    availability?: AvailabilityCode;
    retryable?: boolean;
    fallbackModels?: readonly string[];
    flaggedInput?: string;
    model?: string;
  } = {},
  secrets: readonly string[] = [],
): AppFailure {
  const text = errorWithText(code, message);
  return new AppFailure({
    ...sanitiseAppError(text, (t) => scrub(t, secrets)),
    ...(extra.status !== undefined ? { status: extra.status } : {}),
    ...(extra.retryAfterSeconds !== undefined ? { retryAfterSeconds: extra.retryAfterSeconds } : {}),
    ...(extra.reasons !== undefined ? { reasons: extra.reasons.map((r) => scrub(r, secrets)) } : {}),
    ...(extra.provider !== undefined ? { provider: scrub(extra.provider, secrets) } : {}),
    ...(extra.affordableTokens !== undefined ? { affordableTokens: extra.affordableTokens } : {}),
    ...(extra.availability !== undefined ? { availability: extra.availability } : {}),
    ...(extra.retryable !== undefined ? { retryable: extra.retryable } : {}),
    // Validated model ids (availability-errors.ts), which hold nothing to scrub.
    ...(extra.fallbackModels !== undefined ? { fallbackModels: [...extra.fallbackModels] } : {}),
    ...(extra.flaggedInput !== undefined ? { flaggedInput: scrub(extra.flaggedInput, secrets) } : {}),
    ...(extra.model !== undefined ? { model: scrub(extra.model, secrets) } : {}),
  });
}

// Each field is parsed on its own with `.catch`, so one odd field never hides the rest of the error.
const optionalString = z.string().optional().catch(undefined);
const optionalNumber = z.number().optional().catch(undefined);
const optionalStrings = z.array(z.string()).optional().catch(undefined);

const ErrorObjectSchema = z.looseObject({
  code: z.union([z.number(), z.string()]).optional().catch(undefined),
  message: optionalString,
  error_type: optionalString,
  http_status: optionalNumber,
  metadata: z
    .looseObject({
      error_type: optionalString,
      reasons: z.array(z.unknown()).optional().catch(undefined),
      // The provider's own error: a string (often JSON) or an object; read by provider-reason.ts.
      raw: z.unknown().optional(),
      provider_name: optionalString,
      available_providers: optionalStrings,
      requested_providers: optionalStrings,
      remedy_hint: optionalString,
      // Moderation (403): the flagged excerpt and the model that required moderation.
      flagged_input: optionalString,
      model_slug: optionalString,
    })
    .optional()
    .catch(undefined),
  availability: z
    .looseObject({
      code: optionalString,
      error_type: optionalString,
      retryable: z.boolean().optional().catch(undefined),
      retry_after: optionalNumber,
      fallback_models: z.array(z.unknown()).optional().catch(undefined),
      excluded_by: z.unknown().optional(),
      constraint: z.unknown().optional(),
    })
    .optional()
    .catch(undefined),
});

/** The parts of an OpenRouter error we branch on, from either documented body shape. */
export interface UpstreamError {
  /** HTTP-like status: the response status, else a numeric `code`, else `http_status`. */
  status?: number;
  /** `metadata.error_type`, the availability form's `error_type`, or a string `code`. */
  errorType?: string;
  availabilityCode?: string;
  /** `availability.retryable`. */
  retryable?: boolean;
  /** `availability.fallback_models`, unvalidated. */
  fallbackModels?: unknown[];
  excludedBy?: unknown;
  constraint?: unknown;
  /** Moderation: `metadata.flagged_input` and `metadata.model_slug`. */
  flaggedInput?: string;
  modelSlug?: string;
  message?: string;
  reasons?: string[];
  retryAfterSeconds?: number;
  /** `metadata.provider_name`: which upstream provider answered. */
  providerName?: string;
  /** `metadata.raw`, untouched; `providerReason` turns it into text. */
  raw?: unknown;
  /** "No allowed providers": the account's allowed list and the model's actual providers. */
  requestedProviders?: string[];
  availableProviders?: string[];
  remedyHint?: string;
}

function isHttpStatus(n: number | undefined): n is number {
  return n !== undefined && Number.isInteger(n) && n >= 100 && n <= 599;
}

/** Reads the `error` object of a response body or stream chunk; unknown shapes give an empty result. */
export function readUpstreamError(errorObject: unknown): UpstreamError {
  const parsed = ErrorObjectSchema.safeParse(errorObject);
  if (!parsed.success) return {};
  const e = parsed.data;
  const numericCode = typeof e.code === 'number' ? e.code : undefined;
  const stringCode = typeof e.code === 'string' ? e.code : undefined;
  const status = isHttpStatus(numericCode)
    ? numericCode
    : isHttpStatus(e.http_status)
      ? e.http_status
      : undefined;
  const reasons = e.metadata?.reasons?.map((r) => (typeof r === 'string' ? r : JSON.stringify(r)));
  const retryAfter = e.availability?.retry_after;
  const errorType = e.metadata?.error_type ?? e.error_type ?? stringCode;
  const m = e.metadata;
  const a = e.availability;
  const availabilityCode = a?.code ?? a?.error_type;
  return {
    ...(a?.retryable !== undefined ? { retryable: a.retryable } : {}),
    ...(a?.fallback_models !== undefined ? { fallbackModels: a.fallback_models } : {}),
    ...(a?.excluded_by !== undefined && a.excluded_by !== null ? { excludedBy: a.excluded_by } : {}),
    ...(a?.constraint !== undefined && a.constraint !== null ? { constraint: a.constraint } : {}),
    ...(m?.flagged_input !== undefined ? { flaggedInput: m.flagged_input } : {}),
    ...(m?.model_slug !== undefined ? { modelSlug: m.model_slug } : {}),
    ...(m?.provider_name !== undefined ? { providerName: m.provider_name } : {}),
    ...(m?.raw !== undefined && m.raw !== null ? { raw: m.raw } : {}),
    ...(m?.requested_providers !== undefined ? { requestedProviders: m.requested_providers } : {}),
    ...(m?.available_providers !== undefined ? { availableProviders: m.available_providers } : {}),
    ...(m?.remedy_hint !== undefined ? { remedyHint: m.remedy_hint } : {}),
    ...(status !== undefined ? { status } : {}),
    ...(errorType !== undefined ? { errorType } : {}),
    ...(availabilityCode !== undefined ? { availabilityCode } : {}),
    ...(e.message !== undefined ? { message: e.message } : {}),
    ...(reasons !== undefined ? { reasons } : {}),
    ...(retryAfter !== undefined && retryAfter >= 0 ? { retryAfterSeconds: Math.ceil(retryAfter) } : {}),
  };
}

/** Reads the `{error: …}` envelope of an HTTP error body. */
export function readErrorBody(body: unknown): UpstreamError {
  if (typeof body !== 'object' || body === null || !('error' in body)) return {};
  return readUpstreamError(unwrapNested(body.error));
}

/**
 * Some real bodies nest the error one level deeper, `{error:{error:{message,code},code}}` (a key's
 * limit, fixtures/real/errors/credits-402-key-limit-nested.json): use the inner object then.
 */
function unwrapNested(errorObject: unknown): unknown {
  if (typeof errorObject !== 'object' || errorObject === null) return errorObject;
  const outer = errorObject as Record<string, unknown>;
  const inner = outer.error;
  if (typeof outer.message !== 'string' && typeof inner === 'object' && inner !== null) return inner;
  return errorObject;
}

/** Upstream wording, cleaned up for inclusion in a message (scrubbed later by `failure`). */
function detail(message: string | undefined): string {
  const text = (message ?? '').replace(/\s+/g, ' ').trim();
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/**
 * One of a pair of messages: `withDetail` quoting OpenRouter's wording (its trailing full stop
 * dropped, the catalog ends the sentence), or `without` when it gave none.
 */
function withDetail(
  ids: { without: ErrorMessageId; withDetail: ErrorMessageId },
  message: string | undefined,
  values: Record<string, string | number> = {},
): ErrorMessage {
  const d = detail(message);
  return d
    ? { id: ids.withDetail, values: { ...values, detail: d.replace(/[.\s]+$/, '') } }
    : Object.keys(values).length > 0
      ? { id: ids.without, values }
      : { id: ids.without };
}

const CONTEXT_PATTERN = /context length|context window|maximum context/i;

/** `error_type` values (and string codes) from the docs, grouped by the code they mean for us. */
const TYPE_TO_CODE: Record<string, ErrorCode> = {
  rate_limit_exceeded: 'rate_limited',
  rate_limited: 'rate_limited',
  context_length_exceeded: 'context_too_long',
  payment_required: 'out_of_credits',
  insufficient_credits: 'out_of_credits',
  provider_overloaded: 'provider_unavailable',
  provider_unavailable: 'provider_unavailable',
  capacity_exhausted: 'provider_unavailable',
  server: 'provider_unavailable',
  server_error: 'provider_unavailable',
  content_policy_violation: 'moderation',
  moderation: 'moderation',
  timeout: 'timeout',
  model_not_found: 'model_unavailable',
  free_variant_ended: 'model_unavailable',
  model_unavailable: 'model_unavailable',
  authentication: 'key_rejected',
  authentication_error: 'key_rejected',
  invalid_api_key: 'key_rejected',
  unauthorized: 'key_rejected',
};

function codeFromStatus(status: number | undefined, e: UpstreamError): ErrorCode {
  switch (status) {
    case 400:
    case 413:
    case 422:
      return CONTEXT_PATTERN.test(e.message ?? '') ? 'context_too_long' : 'bad_request';
    case 401:
      return 'key_rejected';
    case 402:
      return 'out_of_credits';
    case 403:
      return (e.reasons && e.reasons.length > 0) || e.flaggedInput !== undefined ? 'moderation' : 'forbidden';
    case 404:
      return 'model_unavailable';
    case 408:
    case 524:
      return 'timeout';
    case 429:
      return 'rate_limited';
    case 500:
    case 502:
    case 503:
    case 529:
      return 'provider_unavailable';
    default:
      return 'upstream_error';
  }
}

export interface MapInput {
  /** The HTTP status of the response; for a mid-stream chunk, omit it and the chunk's code is used. */
  status?: number;
  error: UpstreamError;
  /** From the Retry-After header, already parsed. */
  retryAfterSeconds?: number;
  /** Exact secrets to remove from any echoed text (the key this request used). */
  secrets?: readonly string[];
}

const OWN_KEY_HINT = /(your|own) (provider )?key/i;

/** Ends a quoted sentence with exactly one full stop (upstream text ends in ".", ":", "..." or nothing). */
function sentence(text: string): string {
  const trimmed = text.replace(/[\s.:;,]+$/, '');
  return /[…!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * A failure the upstream provider reported, in its own words (`metadata.raw`) and under its own name
 * (`metadata.provider_name`); undefined when the body has no readable raw reason.
 */
function providerFailure(
  code: ErrorCode,
  e: UpstreamError,
  extra: { status?: number; retryAfterSeconds?: number },
  secrets: readonly string[],
): AppFailure | undefined {
  const reason = e.raw !== undefined ? providerReason(e.raw, secrets) : undefined;
  if (reason === undefined) return undefined;
  const provider =
    e.providerName !== undefined ? cleanUpstreamText(e.providerName, 60, secrets) || undefined : undefined;
  // The provider's name and its own reason (upstream text, shown as is) inside the catalog's sentence.
  const said = {
    ...(provider !== undefined ? { named: 'yes', provider } : { named: 'no' }),
    reason: sentence(reason),
  };
  let message: ErrorMessage;
  switch (code) {
    case 'rate_limited':
      message = {
        id: 'errors.openrouter.providerRateLimited',
        values: {
          ...said,
          ...(extra.retryAfterSeconds !== undefined
            ? { wait: 'seconds', seconds: extra.retryAfterSeconds }
            : { wait: 'moment' }),
          ownKey: OWN_KEY_HINT.test(`${reason} ${e.remedyHint ?? ''}`) ? 'yes' : 'no',
        },
      };
      break;
    case 'forbidden':
      message = { id: 'errors.openrouter.providerRefused', values: said };
      break;
    case 'provider_unavailable':
    case 'timeout':
      message = { id: 'errors.openrouter.providerFailedRetry', values: said };
      break;
    case 'model_unavailable':
      message = { id: 'errors.openrouter.providerFailed', values: said };
      break;
    case 'bad_request':
    case 'upstream_error':
      message = { id: 'errors.openrouter.providerRejected', values: said };
      break;
    default:
      return undefined;
  }
  return failure(code, message, { ...extra, ...(provider !== undefined ? { provider } : {}) }, secrets);
}

/** Branches on error_type first (the docs say it is the reliable signal), then on the status. */
export function mapUpstreamError(input: MapInput): AppFailure {
  const { error: e, secrets = [] } = input;
  const status = input.status ?? e.status;
  const base = status !== undefined ? { status } : {};
  const text = e.message ?? '';

  // What the account can pay for first: a 402 is about credits whatever else it says.
  const credits = creditsError(status, text);
  // Then the 2026 availability cases, which say exactly what is wrong and what may work instead.
  const availabilityCode = isAvailabilityCode(e.availabilityCode)
    ? e.availabilityCode
    : isAvailabilityCode(e.errorType)
      ? e.errorType
      : undefined;
  if (credits === undefined && availabilityCode !== undefined) {
    const retryAfterSeconds = input.retryAfterSeconds ?? e.retryAfterSeconds;
    const found = availabilityError({
      code: availabilityCode,
      ...(e.retryable !== undefined ? { retryable: e.retryable } : {}),
      ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      ...(e.fallbackModels !== undefined ? { fallbackModels: e.fallbackModels } : {}),
      ...(e.excludedBy !== undefined ? { excludedBy: e.excludedBy } : {}),
      ...(e.constraint !== undefined ? { constraint: e.constraint } : {}),
    });
    // The data-policy wording names the policy that ruled providers out: keep that detail, and point at
    // the suggested models (offered as "Try …" buttons) rather than the picker when there are some.
    const policy =
      availabilityCode === 'privacy_restricted'
        ? policyError(text, {}, (e.fallbackModels?.length ?? 0) > 0)
        : undefined;
    const { code: foundCode, message: foundMessage, ...extra } = found;
    return failure(foundCode, policy?.message ?? foundMessage, { ...base, ...extra }, secrets);
  }

  // What the account allows (the key's limit, privacy settings) before anything generic.
  const account =
    credits ??
    policyError(text, {
      ...(e.requestedProviders !== undefined ? { requested: e.requestedProviders } : {}),
      ...(e.availableProviders !== undefined ? { available: e.availableProviders } : {}),
    }) ??
    unsupportedInputError(status, text);
  if (account !== undefined) {
    return failure(
      account.code,
      account.message,
      {
        ...base,
        ...(account.affordableTokens !== undefined ? { affordableTokens: account.affordableTokens } : {}),
      },
      secrets,
    );
  }

  const typed =
    (e.errorType !== undefined ? TYPE_TO_CODE[e.errorType] : undefined) ??
    (e.availabilityCode !== undefined ? TYPE_TO_CODE[e.availabilityCode] : undefined);
  const code = typed ?? codeFromStatus(status, e);
  const make = (
    message: ErrorMessage,
    extra: { retryAfterSeconds?: number; reasons?: readonly string[] } = {},
  ) => failure(code, message, { ...base, ...extra }, secrets);

  const retryAfterSeconds = input.retryAfterSeconds ?? e.retryAfterSeconds;
  const fromProvider = providerFailure(
    code,
    e,
    {
      ...base,
      ...((code === 'rate_limited' || code === 'provider_unavailable') && retryAfterSeconds !== undefined
        ? { retryAfterSeconds }
        : {}),
    },
    secrets,
  );
  if (fromProvider !== undefined) return fromProvider;

  switch (code) {
    case 'key_rejected':
      return make(MESSAGES.keyRejected);
    case 'out_of_credits':
      return make(MESSAGES.outOfCredits);
    case 'moderation': {
      const moderation = moderationError(
        {
          reasons: e.reasons ?? [],
          ...(e.flaggedInput !== undefined ? { flaggedInput: e.flaggedInput } : {}),
          ...(e.providerName !== undefined ? { providerName: e.providerName } : {}),
          ...(e.modelSlug !== undefined ? { modelSlug: e.modelSlug } : {}),
        },
        secrets,
      );
      const { message, ...extra } = moderation;
      return failure(code, message, { ...base, ...extra }, secrets);
    }
    case 'forbidden':
      return make(
        withDetail(
          { without: 'errors.openrouter.refused', withDetail: 'errors.openrouter.refusedDetail' },
          e.message,
        ),
      );
    case 'timeout':
      return make(MESSAGES.upstreamTimeout);
    case 'rate_limited': {
      const retryAfterSeconds = input.retryAfterSeconds ?? e.retryAfterSeconds;
      return make(
        rateLimitedMessage(retryAfterSeconds),
        retryAfterSeconds !== undefined ? { retryAfterSeconds } : {},
      );
    }
    case 'provider_unavailable': {
      const retryAfterSeconds = input.retryAfterSeconds ?? e.retryAfterSeconds;
      return make(MESSAGES.providerUnavailable, retryAfterSeconds !== undefined ? { retryAfterSeconds } : {});
    }
    case 'context_too_long':
      return make(MESSAGES.contextTooLong);
    case 'model_unavailable':
      return make(MESSAGES.modelUnavailable);
    case 'bad_request':
      return make(
        withDetail(
          { without: 'errors.openrouter.rejected', withDetail: 'errors.openrouter.rejectedDetail' },
          e.message,
        ),
      );
    default:
      return make(
        status !== undefined
          ? withDetail(
              {
                without: 'errors.openrouter.reportedStatus',
                withDetail: 'errors.openrouter.reportedStatusDetail',
              },
              e.message,
              { status },
            )
          : withDetail(
              { without: 'errors.openrouter.reported', withDetail: 'errors.openrouter.reportedDetail' },
              e.message,
            ),
      );
  }
}

/** A non-2xx HTTP response with its (possibly non-JSON) body. */
export function mapHttpError(
  status: number,
  body: unknown,
  retryAfterSeconds: number | undefined,
  secrets: readonly string[] = [],
): AppFailure {
  return mapUpstreamError({
    status,
    error: readErrorBody(body),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
    secrets,
  });
}

/** A chunk with a top-level `error` after the stream started (status 200 already sent). */
export function mapStreamError(errorObject: unknown, secrets: readonly string[] = []): AppFailure {
  return mapUpstreamError({ error: readUpstreamError(errorObject), secrets });
}
