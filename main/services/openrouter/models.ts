import { z } from 'zod';
import type { ModelSummary } from '../../../common/chat-types';

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
  return {
    id: model.id,
    name: model.name?.trim() || model.id,
    contextLength,
    promptPricePerMTok,
    completionPricePerMTok,
    inputModalities: model.architecture?.input_modalities ?? ['text'],
    outputModalities: model.architecture?.output_modalities ?? ['text'],
    supportedParameters: model.supported_parameters ?? [],
    isFree: isEveryPriceZero(model.pricing),
    ...(expirationDate !== undefined ? { expirationDate } : {}),
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
