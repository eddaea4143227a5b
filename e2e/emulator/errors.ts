import type { ErrorFault, FaultStatusCode } from './faults';
import { REAL_ERROR_STATUS, realErrorText } from './real-errors';

// OpenRouter's error bodies: `{error:{code, message, metadata?}}` with the HTTP status equal to `code`,
// except the model-availability form, which has `error_type`/`http_status` and no `code`.

export interface ErrorResponse {
  status: number;
  body: unknown;
  /** When set, sent instead of `body`, as is: the exact bytes of a real error body. */
  rawBody?: string;
  headers: Record<string, string>;
}

export function errorBody(code: number, message: string, metadata?: Record<string, unknown>) {
  return { error: metadata === undefined ? { code, message } : { code, message, metadata } };
}

export function errorResponse(
  code: number,
  message: string,
  metadata?: Record<string, unknown>,
): ErrorResponse {
  return { status: code, body: errorBody(code, message, metadata), headers: {} };
}

/** Status faults that carry Retry-After without being asked to, as OpenRouter's 429 and 503 do. */
const DEFAULT_RETRY_AFTER: Partial<Record<number, number>> = { 429: 2, 503: 2 };
const AVAILABILITY_RETRY_AFTER = 3;

export interface FaultErrorInput {
  fault: ErrorFault;
  model: string;
  retryAfterSeconds: number | null;
  authorization: string | undefined;
}

export function faultErrorResponse({ fault, model, retryAfterSeconds, authorization }: FaultErrorInput) {
  switch (fault.kind) {
    case 'status': {
      const response = statusError(fault.status, model);
      const retryAfter = retryAfterSeconds ?? DEFAULT_RETRY_AFTER[fault.status];
      if (retryAfter !== undefined) response.headers['retry-after'] = String(retryAfter);
      return response;
    }
    case 'context-length':
      return withRetryAfter(
        errorResponse(
          400,
          "This endpoint's maximum context length is 8192 tokens. However, you requested about 12480 tokens " +
            '(11456 of text input, 1024 in the output). Please reduce the length of either one, or use the ' +
            '"middle-out" transform to compress your prompt automatically.',
          { error_type: 'context_length_exceeded', provider_name: 'Emulator' },
        ),
        retryAfterSeconds,
      );
    case 'availability':
      return availabilityResponse(fault.code, model, retryAfterSeconds);
    case 'real':
      return withRetryAfter(
        {
          status: REAL_ERROR_STATUS[fault.name],
          body: null,
          rawBody: realErrorText(fault.name),
          headers: {},
        },
        retryAfterSeconds,
      );
    case 'echo-key': {
      // A misbehaving upstream that repeats the credentials back: the app must redact before showing or logging.
      const header = authorization ?? '';
      const key = header.replace(/^Bearer\s+/i, '');
      return withRetryAfter(
        errorResponse(
          400,
          `Upstream rejected the request. Authorization: ${header} (key ${key} is not allowed)`,
          {
            error_type: 'bad_request',
            provider_name: 'Emulator',
            raw: JSON.stringify({ error: { message: `Incorrect API key provided: ${key}` } }),
          },
        ),
        retryAfterSeconds,
      );
    }
  }
}

/**
 * The 2026 model-availability codes (API reference, "Responses and errors"), served by
 * `availability-<code>` as `{error:{code, message, availability:{…}}}`; plain `availability` serves
 * the docs' own example form (`error_type`/`http_status`, no `code`).
 * Written out from the docs rather than imported from the client's common/errors.ts on purpose: the
 * emulator stands in for OpenRouter, so a code the client misspelt or forgot must show up as a test
 * failure, not be copied into the emulator.
 */
export const AVAILABILITY_FAULT_CODES = [
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
export type AvailabilityFaultCode = (typeof AVAILABILITY_FAULT_CODES)[number];

export function isAvailabilityFaultCode(value: string): value is AvailabilityFaultCode {
  return (AVAILABILITY_FAULT_CODES as readonly string[]).includes(value);
}

interface AvailabilityCase {
  status: number;
  message: (model: string) => string;
  retryable: boolean;
  /** Realistic suggestions: the paid variant, a successor, a sibling. */
  fallbacks?: (model: string) => string[];
  excludedBy?: string[];
  constraint?: string;
}

const AVAILABILITY_CASES: Record<AvailabilityFaultCode, AvailabilityCase> = {
  // "Unknown model ids now return 400" (API reference).
  model_not_found: {
    status: 400,
    message: (m) => `${m} is not a valid model ID`,
    retryable: false,
    fallbacks: () => ['openai/gpt-4o-mini'],
  },
  wrong_endpoint: {
    status: 400,
    message: (m) => `${m} does not support the chat completions endpoint`,
    retryable: false,
  },
  no_endpoints: { status: 404, message: (m) => `No endpoints found for ${m}.`, retryable: false },
  model_deprecated: {
    status: 410,
    message: (m) => `${m} has been deprecated and is no longer available.`,
    retryable: false,
    fallbacks: () => ['anthropic/claude-sonnet-4.5', 'openai/gpt-5'],
  },
  model_unavailable_upstream: {
    status: 503,
    message: (m) => `${m} is currently unavailable from its upstream provider.`,
    retryable: true,
  },
  capacity_exhausted: {
    status: 503,
    message: (m) => `${m} is temporarily unavailable: all providers are at capacity.`,
    retryable: true,
    fallbacks: () => ['openai/gpt-4o-mini', 'google/gemini-2.5-flash'],
  },
  temporarily_unavailable: {
    status: 503,
    message: (m) => `${m} is temporarily unavailable. Please retry shortly.`,
    retryable: true,
  },
  region_restricted: {
    status: 403,
    message: (m) => `${m} is not available in your region.`,
    retryable: false,
    excludedBy: ['region'],
  },
  privacy_restricted: {
    status: 404,
    message: () =>
      'No endpoints found matching your data policy (Paid model training). Configure: https://openrouter.ai/settings/privacy',
    retryable: false,
    excludedBy: ['data_policy'],
    fallbacks: () => ['anthropic/claude-sonnet-4.5'],
  },
  constraint_filtered: {
    status: 404,
    message: (m) => `No endpoints found for ${m} that satisfy the request's provider constraints.`,
    retryable: false,
    excludedBy: ['max_price'],
    constraint: 'max_price',
  },
  free_variant_ended: {
    status: 410,
    message: (m) => `The free variant of ${m} has ended.`,
    retryable: false,
    fallbacks: (m) =>
      [m.replace(/:free$/, '')].filter((id) => id.includes('/') && !id.startsWith('emulator/')),
  },
};

export function availabilityResponse(
  code: AvailabilityFaultCode | undefined,
  model: string,
  retryAfterSeconds: number | null,
): ErrorResponse {
  if (code === undefined) {
    const retryAfter = retryAfterSeconds ?? AVAILABILITY_RETRY_AFTER;
    return {
      status: 503,
      body: {
        error: {
          error_type: 'provider_unavailable',
          http_status: 503,
          message: `${model} is temporarily unavailable: all providers are at capacity.`,
          availability: { code: 'capacity_exhausted', retryable: true, retry_after: retryAfter },
        },
      },
      headers: { 'retry-after': String(retryAfter) },
    };
  }
  const c = AVAILABILITY_CASES[code];
  const retryAfter = c.retryable ? (retryAfterSeconds ?? AVAILABILITY_RETRY_AFTER) : null;
  const fallbacks = c.fallbacks?.(model) ?? [];
  const availability = {
    code,
    retryable: c.retryable,
    ...(retryAfter !== null ? { retry_after: retryAfter } : {}),
    ...(fallbacks.length > 0 ? { fallback_models: fallbacks } : {}),
    ...(c.excludedBy !== undefined ? { excluded_by: c.excludedBy } : {}),
    ...(c.constraint !== undefined ? { constraint: c.constraint } : {}),
  };
  return {
    status: c.status,
    body: { error: { code: c.status, message: c.message(model), availability } },
    headers: retryAfter !== null ? { 'retry-after': String(retryAfter) } : {},
  };
}

function withRetryAfter(response: ErrorResponse, seconds: number | null): ErrorResponse {
  if (seconds !== null) response.headers['retry-after'] = String(seconds);
  return response;
}

function statusError(status: FaultStatusCode, model: string): ErrorResponse {
  switch (status) {
    case 400:
      return errorResponse(400, `Provider returned error: invalid request parameters for ${model}`, {
        error_type: 'bad_request',
        provider_name: 'Emulator',
      });
    case 401:
      return errorResponse(401, 'User not found.', { error_type: 'authentication' });
    case 402:
      return errorResponse(
        402,
        'Insufficient credits. This account never purchased credits. Make sure your key is on the correct ' +
          'account or org, and if so, purchase more at https://openrouter.ai/settings/credits',
        { error_type: 'payment_required' },
      );
    case 403:
      return errorResponse(
        403,
        `${model} requires moderation on OpenAI. Your input was flagged for "violence". No credits were charged.`,
        {
          error_type: 'content_policy_violation',
          reasons: ['violence'],
          flagged_input: 'Describe in detail how the knight attacks the…',
          provider_name: 'OpenAI',
          model_slug: 'openai/gpt-4o',
        },
      );
    case 404:
      return errorResponse(404, `No endpoints found for ${model}.`, { error_type: 'not_found' });
    case 408:
      return errorResponse(408, 'Request timed out. Please try again.', { error_type: 'timeout' });
    case 413:
      return errorResponse(413, 'Request entity too large: the request body exceeds the maximum size.', {
        error_type: 'payload_too_large',
      });
    case 429:
      return errorResponse(
        429,
        `${model} is temporarily rate-limited upstream. Please retry shortly, or add your own key to ` +
          'accumulate your rate limits: https://openrouter.ai/settings/integrations',
        { error_type: 'rate_limit_exceeded', provider_name: 'Emulator' },
      );
    case 500:
      return errorResponse(500, 'Internal Server Error', { error_type: 'server' });
    case 502:
      return errorResponse(502, 'Provider returned error: upstream connection lost', {
        error_type: 'provider_unavailable',
        provider_name: 'Emulator',
      });
    case 503:
      return errorResponse(503, 'No provider meets the routing requirements', {
        error_type: 'provider_unavailable',
      });
    case 524:
      return errorResponse(524, 'Edge timeout: the provider took too long to respond.', {
        error_type: 'timeout',
      });
    case 529:
      return errorResponse(529, 'Provider is overloaded. Please try again later.', {
        error_type: 'provider_overloaded',
        provider_name: 'Emulator',
      });
  }
}
