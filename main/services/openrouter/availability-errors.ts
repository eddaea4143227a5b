import {
  AVAILABILITY_CODES,
  type AvailabilityCode,
  type ErrorCode,
  MAX_FALLBACK_MODELS,
  MODEL_ID_PATTERN,
} from '../../../common/errors';
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
  message: string;
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

function seconds(n: number): string {
  return `${n} ${n === 1 ? 'second' : 'seconds'}`;
}

/** The message and code for each case: what happened, then what to do. */
export function availabilityError(input: AvailabilityInput): AvailabilityError {
  const fallbackModels = fallbackModelIds(input.fallbackModels);
  const wait =
    input.retryAfterSeconds !== undefined
      ? `Wait ${seconds(input.retryAfterSeconds)} and retry`
      : 'Retry in a moment';
  const orPick = fallbackModels.length > 0 ? 'or try a suggested model' : 'or pick another model';
  const why = [
    describeUpstream(input.excludedBy) && `excluded by: ${describeUpstream(input.excludedBy)}`,
    describeUpstream(input.constraint) && `constraint: ${describeUpstream(input.constraint)}`,
  ].filter(Boolean);
  const because = why.length > 0 ? ` (${why.join('; ')})` : '';

  let code: ErrorCode;
  let message: string;
  switch (input.code) {
    case 'model_not_found':
      code = 'model_unavailable';
      message = `OpenRouter has no model with this id (it may have been renamed or removed). Pick another model${fallbackModels.length > 0 ? ' or try a suggested one' : ''}.`;
      break;
    case 'wrong_endpoint':
      code = 'model_unavailable';
      message = `This model can't answer chat requests: OpenRouter serves it on another endpoint. Pick a chat model${fallbackModels.length > 0 ? ' or try a suggested one' : ''}.`;
      break;
    case 'no_endpoints':
      code = 'model_unavailable';
      message = `No provider serves this model on OpenRouter right now. Pick another model${fallbackModels.length > 0 ? ' or try a suggested one' : ''}, or retry later.`;
      break;
    case 'model_deprecated':
      code = 'model_retired';
      message = `OpenRouter has retired this model; it no longer answers. Pick another model${fallbackModels.length > 0 ? ' or try a suggested one' : ''} — this conversation's history is kept.`;
      break;
    case 'free_variant_ended':
      code = 'model_retired';
      message = `The free variant of this model has ended. Pick the paid version (it costs credits) or another free model${fallbackModels.length > 0 ? ', or try a suggested one' : ''}.`;
      break;
    case 'model_unavailable_upstream':
      code = 'provider_unavailable';
      message = `This model's provider has taken it offline for now. ${wait}, ${orPick}.`;
      break;
    case 'capacity_exhausted':
      code = 'provider_unavailable';
      message = `Every provider of this model is at capacity right now. ${wait}, ${orPick}.`;
      break;
    case 'temporarily_unavailable':
      code = 'provider_unavailable';
      message = `This model is temporarily unavailable on OpenRouter. ${wait}, ${orPick}.`;
      break;
    case 'region_restricted':
      code = 'region_restricted';
      message = `This model isn't offered in your region${because}. Pick another model${fallbackModels.length > 0 ? ' or try a suggested one' : ''}.`;
      break;
    case 'privacy_restricted':
      code = 'privacy_blocked';
      message = `No provider of this model meets your OpenRouter privacy settings${because}. Allow more in openrouter.ai/settings/privacy, ${orPick}.`;
      break;
    case 'constraint_filtered':
      code = 'no_matching_provider';
      message = `No provider of this model meets the request's routing constraints${because}. Loosen the provider restrictions in openrouter.ai/settings/privacy, ${orPick}.`;
      break;
  }
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
