import {
  AVAILABILITY_CODES,
  type AvailabilityCode,
  type ErrorCode,
  MAX_FALLBACK_MODELS,
  MODEL_ID_PATTERN,
} from '../../../common/errors';
import type { ErrorMessage, ErrorMessageId } from '../../../common/i18n/error-messages';
import { cleanUpstreamText } from './provider-reason';

/**
 * The 2026 model-availability errors: `error.availability{code, retryable, retry_after,
 * fallback_models, excluded_by, constraint}` (../shared/docs/openrouter-api.md, "Responses and
 * errors"). The docs' own examples carry `error_type`/`http_status` and no `availability.code`, so the
 * code is also taken from `error_type` when it names one of these cases. No real body of this form
 * was found (fixtures/real/SOURCES.md, "## Errors"): these are tested against the documented shapes.
 */

export interface AvailabilityInput {
  code: AvailabilityCode;
  retryable?: boolean;
  retryAfterSeconds?: number;
  /** `fallback_models` as sent: validated here. */
  fallbackModels?: readonly unknown[];
  excludedBy?: unknown;
  constraint?: unknown;
}

export interface AvailabilityError {
  code: ErrorCode;
  /** The catalog message (errors.openrouter.*); OpenRouter's `excluded_by`/`constraint` go in as values. */
  message: ErrorMessage;
  availability: AvailabilityCode;
  retryable?: boolean;
  retryAfterSeconds?: number;
  fallbackModels?: string[];
}

const KNOWN = new Set<string>(AVAILABILITY_CODES);

export function isAvailabilityCode(value: string | undefined): value is AvailabilityCode {
  return value !== undefined && KNOWN.has(value);
}

/**
 * Model ids OpenRouter suggests, as strings or `{id}`/`{slug}` objects; anything that is not a
 * well-formed id is dropped (it becomes a button label and a request's model), duplicates too.
 */
export function fallbackModelIds(raw: readonly unknown[] | undefined): string[] {
  const ids: string[] = [];
  for (const item of raw ?? []) {
    const candidate =
      typeof item === 'string'
        ? item
        : typeof item === 'object' && item !== null
          ? ((item as Record<string, unknown>).id ?? (item as Record<string, unknown>).slug)
          : undefined;
    if (typeof candidate !== 'string') continue;
    const id = candidate.trim();
    if (MODEL_ID_PATTERN.test(id) && !ids.includes(id)) ids.push(id);
    if (ids.length === MAX_FALLBACK_MODELS) break;
  }
  return ids;
}

/** `excluded_by` / `constraint`: a word, a list of words or a small object, shown as one short line. */
function describeUpstream(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  let text: string;
  if (typeof value === 'string') text = value;
  else if (Array.isArray(value)) text = value.filter((v) => typeof v === 'string').join(', ');
  else if (typeof value === 'number' || typeof value === 'boolean') text = String(value);
  else {
    try {
      text = JSON.stringify(value);
    } catch {
      return undefined;
    }
  }
  const clean = cleanUpstreamText(text.replace(/_/g, ' '), 120);
  return clean === '' ? undefined : clean;
}

/** Which of `excluded_by` and `constraint` OpenRouter gave, as the catalogs' `why` select says it. */
function whyValues(input: AvailabilityInput): Record<string, string> {
  const excludedBy = describeUpstream(input.excludedBy);
  const constraint = describeUpstream(input.constraint);
  if (excludedBy !== undefined && constraint !== undefined) return { why: 'both', excludedBy, constraint };
  if (excludedBy !== undefined) return { why: 'excludedBy', excludedBy };
  return constraint !== undefined ? { why: 'constraint', constraint } : { why: 'none' };
}

interface Case {
  code: ErrorCode;
  id: ErrorMessageId;
  /** The wording says how long to wait (`wait`, `seconds`). */
  wait?: true;
  /** The wording names what ruled the providers out (`why`, `excludedBy`, `constraint`). */
  why?: true;
}

/** Each case: its code and catalog message (errors.openrouter.*), what happened, then what to do. */
const CASES: Readonly<Record<AvailabilityCode, Case>> = {
  model_not_found: { code: 'model_unavailable', id: 'errors.openrouter.modelNotFound' },
  wrong_endpoint: { code: 'model_unavailable', id: 'errors.openrouter.wrongEndpoint' },
  no_endpoints: { code: 'model_unavailable', id: 'errors.openrouter.noEndpoints' },
  model_deprecated: { code: 'model_retired', id: 'errors.openrouter.modelRetired' },
  free_variant_ended: { code: 'model_retired', id: 'errors.openrouter.freeVariantEnded' },
  model_unavailable_upstream: {
    code: 'provider_unavailable',
    id: 'errors.openrouter.providerTookOffline',
    wait: true,
  },
  capacity_exhausted: { code: 'provider_unavailable', id: 'errors.openrouter.capacityExhausted', wait: true },
  temporarily_unavailable: {
    code: 'provider_unavailable',
    id: 'errors.openrouter.temporarilyUnavailable',
    wait: true,
  },
  region_restricted: { code: 'region_restricted', id: 'errors.openrouter.regionRestricted', why: true },
  privacy_restricted: { code: 'privacy_blocked', id: 'errors.openrouter.privacyRestricted', why: true },
  constraint_filtered: {
    code: 'no_matching_provider',
    id: 'errors.openrouter.constraintFiltered',
    why: true,
  },
};

/** The message and code for each case. */
export function availabilityError(input: AvailabilityInput): AvailabilityError {
  const fallbackModels = fallbackModelIds(input.fallbackModels);
  const { code, id, wait, why } = CASES[input.code];
  const message: ErrorMessage = {
    id,
    values: {
      suggested: fallbackModels.length > 0 ? 'yes' : 'no',
      ...(wait
        ? input.retryAfterSeconds !== undefined
          ? { wait: 'seconds', seconds: input.retryAfterSeconds }
          : { wait: 'moment' }
        : {}),
      ...(why ? whyValues(input) : {}),
    },
  };
  return {
    code,
    message,
    availability: input.code,
    ...(input.retryable !== undefined ? { retryable: input.retryable } : {}),
    // A wait only means something for a case that can pass; OpenRouter says when it cannot.
    ...(input.retryAfterSeconds !== undefined && input.retryable !== false
      ? { retryAfterSeconds: input.retryAfterSeconds }
      : {}),
    ...(fallbackModels.length > 0 ? { fallbackModels } : {}),
  };
}
