import { z } from 'zod';
import type { ExtraPrices, ModelSummary } from '../../../common/chat-types';
import {
  type ModelReasoning,
  REASONING_EFFORTS,
  type ReasoningEffort,
} from '../../../common/request-options';

/**
 * GET /models → ModelSummary[]. Validation is per model: one odd entry is dropped (and counted), it
 * does not cost the person the whole list.
 */

const PriceSchema = z.union([z.string(), z.number()]).nullish().catch(undefined);
const StringList = z.array(z.string()).nullish().catch(undefined);

const ModelSchema = z.looseObject({
  id: z.string().min(1),
  name: z.string().nullish().catch(undefined),
  context_length: z.number().nullish().catch(undefined),
  // Every price field is kept (request, image, web_search, internal_reasoning, cache read/write, and any
  // OpenRouter adds later): the free label needs all of them. `discount` is a fraction, not a price.
  pricing: z.record(z.string(), z.unknown()).nullish().catch(undefined),
  architecture: z
    .looseObject({ input_modalities: StringList, output_modalities: StringList })
    .nullish()
    .catch(undefined),
  supported_parameters: StringList,
  expiration_date: z.string().nullish().catch(undefined),
  description: z.string().nullish().catch(undefined),
  knowledge_cutoff: z.string().nullish().catch(undefined),
  top_provider: z.looseObject({ max_completion_tokens: z.unknown().optional() }).nullish().catch(undefined),
  // Read field by field in modelReasoning(): an odd value there must not cost the model its place.
  reasoning: z.unknown().optional(),
});

const ModelsResponseSchema = z.looseObject({ data: z.array(z.unknown()) });

const DECIMAL = /^(\d+(?:\.\d*)?|\.\d+)(?:e([+-]?\d+))?$/i;

/**
 * OpenRouter's USD-per-token decimal string → USD per million tokens. The decimal point is shifted in
 * the string (by rewriting the exponent) rather than multiplying by 1e6, so "0.00003" gives exactly 30
 * instead of 29.999999999999996. Missing, malformed and negative prices ("-1" means variable) → null.
 */
export function pricePerMillion(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  const text = (typeof raw === 'number' ? String(raw) : raw).trim();
  const match = DECIMAL.exec(text);
  if (!match) return null;
  const exponent = Number(match[2] ?? '0') + 6;
  const value = Number(`${match[1]}e${exponent}`);
  return Number.isFinite(value) ? value : null;
}

/**
 * A USD price per unit (request, image, web search) as a number; missing, malformed and negative
 * ("-1" means variable) → null. Unit prices are shown as they are, so no scaling is needed.
 */
export function pricePerUnit(raw: string | number | null | undefined): number | null {
  if (raw === null || raw === undefined) return null;
  const text = (typeof raw === 'number' ? String(raw) : raw).trim();
  if (!DECIMAL.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function priceField(pricing: Record<string, unknown>, name: string): string | number | null | undefined {
  return PriceSchema.parse(pricing[name]);
}

/** The prices beyond prompt and completion, each null when OpenRouter gives none or an unusable one. */
export function extraPrices(pricing: Record<string, unknown>): ExtraPrices {
  return {
    cacheReadPerMTok: pricePerMillion(priceField(pricing, 'input_cache_read')),
    cacheWritePerMTok: pricePerMillion(priceField(pricing, 'input_cache_write')),
    internalReasoningPerMTok: pricePerMillion(priceField(pricing, 'internal_reasoning')),
    webSearchPerRequest: pricePerUnit(priceField(pricing, 'web_search')),
    perImage: pricePerUnit(priceField(pricing, 'image')),
    perRequest: pricePerUnit(priceField(pricing, 'request')),
  };
}

/** Descriptions run to a few paragraphs; more than this is not read in a side panel. */
export const MAX_DESCRIPTION_CHARS = 2_000;
const MAX_CUTOFF_CHARS = 40;

/**
 * Upstream text shown as is: control and format characters removed (newlines between paragraphs kept),
 * trimmed and bounded to `max` code points. Empty → undefined.
 */
export function boundedText(raw: string | null | undefined, max: number): string | undefined {
  if (!raw) return undefined;
  const printable = raw
    .replace(/\r\n?/g, '\n')
    .replace(/[^\S\n]+/g, ' ')
    .replace(/(?![\n])[\p{Cc}\p{Cf}]/gu, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (printable === '') return undefined;
  const chars = Array.from(printable);
  return chars.length > max ? `${chars.slice(0, max).join('').trimEnd()}…` : printable;
}

/** `top_provider.max_completion_tokens`: a positive integer, else null (unlimited or unknown). */
function maxCompletionTokens(raw: unknown): number | null {
  return typeof raw === 'number' && Number.isSafeInteger(raw) && raw > 0 ? raw : null;
}

/**
 * Free only when every price OpenRouter lists is zero. A model with zero token prices but a per-request or
 * per-image price costs money; a missing, malformed or variable ("-1") price is not zero either, and the
 * `:free` id suffix alone proves nothing.
 */
export function isEveryPriceZero(pricing: Record<string, unknown> | null | undefined): boolean {
  if (!pricing || !('prompt' in pricing) || !('completion' in pricing)) return false;
  return Object.entries(pricing).every(([name, raw]) => {
    if (name === 'discount') return true;
    const parsed = PriceSchema.safeParse(raw);
    return parsed.success && pricePerMillion(parsed.data) === 0;
  });
}

const DATE_PREFIX = /^(\d{4}-\d{2}-\d{2})(?:$|T)/;

/** `expiration_date` as a plain day; anything that is not a real date is dropped rather than shown. */
export function retirementDay(raw: string | null | undefined): string | undefined {
  const day = raw ? DATE_PREFIX.exec(raw.trim())?.[1] : undefined;
  if (day === undefined) return undefined;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(day) ? day : undefined;
}

const ReasoningObjectSchema = z.looseObject({
  supported_efforts: z.array(z.unknown()).nullish().catch(undefined),
  default_effort: z.unknown().optional(),
  default_enabled: z.boolean().nullish().catch(undefined),
  mandatory: z.boolean().nullish().catch(undefined),
  supports_max_tokens: z.boolean().nullish().catch(undefined),
});

function isEffort(value: unknown): value is ReasoningEffort {
  return typeof value === 'string' && (REASONING_EFFORTS as readonly string[]).includes(value);
}

/**
 * `reasoning{supported_efforts, default_effort, default_enabled, mandatory, supports_max_tokens}` →
 * ModelReasoning, only for models whose `supported_parameters` include `reasoning` (the controls are
 * driven by what OpenRouter publishes, not by a list of ours). Lenient: efforts we do not know are
 * dropped (a control cannot offer what it cannot send), a missing or odd flag reads as "no", and an
 * unreadable object as no reasoning metadata at all.
 */
export function modelReasoning(
  raw: unknown,
  supportedParameters: readonly string[],
): ModelReasoning | undefined {
  if (!supportedParameters.includes('reasoning')) return undefined;
  const parsed = ReasoningObjectSchema.safeParse(raw);
  if (!parsed.success) return undefined;
  const r = parsed.data;
  const efforts = (r.supported_efforts ?? []).filter(isEffort);
  return {
    supportedEfforts: [...new Set(efforts)],
    defaultEffort: isEffort(r.default_effort) ? r.default_effort : null,
    defaultEnabled: r.default_enabled ?? null,
    mandatory: r.mandatory ?? false,
    supportsMaxTokens: r.supports_max_tokens ?? false,
  };
}

export function toModelSummary(model: z.infer<typeof ModelSchema>): ModelSummary {
  const promptPricePerMTok = pricePerMillion(PriceSchema.parse(model.pricing?.prompt));
  const completionPricePerMTok = pricePerMillion(PriceSchema.parse(model.pricing?.completion));
  const contextLength =
    typeof model.context_length === 'number' &&
    Number.isInteger(model.context_length) &&
    model.context_length >= 0
      ? model.context_length
      : null;
  const expirationDate = retirementDay(model.expiration_date);
  const description = boundedText(model.description, MAX_DESCRIPTION_CHARS);
  const knowledgeCutoff = boundedText(model.knowledge_cutoff?.replace(/\s+/g, ' '), MAX_CUTOFF_CHARS);
  const supportedParameters = model.supported_parameters ?? [];
  const reasoning = modelReasoning(model.reasoning, supportedParameters);
  return {
    id: model.id,
    name: model.name?.trim() || model.id,
    contextLength,
    promptPricePerMTok,
    completionPricePerMTok,
    inputModalities: model.architecture?.input_modalities ?? ['text'],
    outputModalities: model.architecture?.output_modalities ?? ['text'],
    supportedParameters,
    isFree: isEveryPriceZero(model.pricing),
    ...(expirationDate !== undefined ? { expirationDate } : {}),
    ...(description !== undefined ? { description } : {}),
    ...(knowledgeCutoff !== undefined ? { knowledgeCutoff } : {}),
    ...(model.top_provider
      ? { maxCompletionTokens: maxCompletionTokens(model.top_provider.max_completion_tokens) }
      : {}),
    ...(model.pricing ? { extraPrices: extraPrices(model.pricing) } : {}),
    ...(reasoning !== undefined ? { reasoning } : {}),
  };
}

export function compareModels(a: ModelSummary, b: ModelSummary): number {
  return a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id, 'en');
}

export interface ParsedModels {
  models: ModelSummary[];
  skipped: number;
}

/** Returns null when the envelope itself is not a model list. */
export function parseModelsResponse(body: unknown): ParsedModels | null {
  const envelope = ModelsResponseSchema.safeParse(body);
  if (!envelope.success) return null;
  const models: ModelSummary[] = [];
  let skipped = 0;
  for (const entry of envelope.data.data) {
    const parsed = ModelSchema.safeParse(entry);
    if (parsed.success) models.push(toModelSummary(parsed.data));
    else skipped++;
  }
  models.sort(compareModels);
  return { models, skipped };
}
