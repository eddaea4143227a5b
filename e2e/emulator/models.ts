import { FAULT_MODE_EXAMPLES, FAULT_MODEL_PREFIX } from './faults';
import { type ModelRow, PROVIDERS, type ProviderTable } from './model-table';
import { type ModelReasoningMeta, reasoningMeta } from './reasoning-meta';
import { hashString } from './rng';

// The `/models` catalogue, generated deterministically from model-table.ts, plus one `emulator/<mode>`
// entry per fault mode so UI tests can pick a failing model from the picker.

export interface ModelPricing {
  prompt: string;
  completion: string;
  request: string;
  image: string;
  web_search: string;
  internal_reasoning: string;
  input_cache_read?: string;
  input_cache_write?: string;
}

export interface Model {
  id: string;
  canonical_slug: string;
  hugging_face_id: string | null;
  name: string;
  created: number;
  description: string;
  context_length: number;
  architecture: {
    modality: string;
    input_modalities: string[];
    output_modalities: string[];
    tokenizer: string;
    instruct_type: string | null;
  };
  pricing: ModelPricing;
  top_provider: { context_length: number; max_completion_tokens: number | null; is_moderated: boolean };
  per_request_limits: null;
  supported_parameters: string[];
  default_parameters: { temperature: number | null; top_p: number | null; frequency_penalty: number | null };
  /** The day OpenRouter retires the model; only on models with an announced retirement. */
  expiration_date?: string;
  /** The model's training cutoff (YYYY-MM-DD); null when OpenRouter does not know it. */
  knowledge_cutoff: string | null;
  /** Only on models with the `reasoning` parameter (reasoning-meta.ts). */
  reasoning?: ModelReasoningMeta;
}

/**
 * Models with an announced retirement day, so the picker's "Retires on" flag has something to show. Fixed
 * dates (not relative to now) keep the catalogue the same on every run.
 */
const RETIRING: Readonly<Record<string, string>> = {
  'google/gemini-2.5-flash-preview-09-2025': '2026-12-31',
  'google/gemini-2.0-flash-exp': '2026-12-31',
};

/** Knowledge cutoffs as the model makers publish them; every other model has `knowledge_cutoff: null`. */
const KNOWLEDGE_CUTOFF: Readonly<Record<string, string>> = {
  'openai/gpt-4o': '2023-10-01',
  'openai/gpt-4o-mini': '2023-10-01',
  'openai/gpt-5': '2024-09-30',
  'anthropic/claude-sonnet-4.5': '2025-01-31',
  'anthropic/claude-3.5-sonnet': '2024-04-01',
  'google/gemini-2.5-pro': '2025-01-31',
};

/** Models with a web search priced per search (the `:online`-style search models). */
const WEB_SEARCH_PRICE = '0.01';

/** 2023-06-01T00:00:00Z; `created` dates spread over the following ~2.5 years. */
const EPOCH_START = 1_685_577_600;
const CREATED_SPREAD_SECONDS = 80_000_000;
const OPEN_WEIGHT_PROVIDERS = new Set([
  'meta-llama',
  'mistralai',
  'qwen',
  'deepseek',
  'google',
  'nvidia',
  'microsoft',
]);

export const MODELS: readonly Model[] = buildCatalogue();
const BY_ID = new Map(MODELS.map((m) => [m.id, m]));

export function findModel(id: string): Model | undefined {
  return BY_ID.get(id);
}

/**
 * The `output_modalities` filter of the real `GET /models`: a comma-separated list of modalities (a
 * model is listed when it outputs any of them) or `all`; absent means `text`, so image-only models are
 * left out unless a client asks for them.
 */
export function listModels(outputModalities: string | null): Model[] {
  const wanted = (outputModalities ?? 'text')
    .split(',')
    .map((m) => m.trim().toLowerCase())
    .filter((m) => m !== '');
  if (wanted.includes('all')) return [...MODELS];
  return MODELS.filter((m) => m.architecture.output_modalities.some((o) => wanted.includes(o)));
}

/** Formats a $/M-token price as OpenRouter does: USD per token, as a plain decimal string. */
export function perTokenPrice(perMillion: number): string {
  if (perMillion === 0) return '0';
  if (perMillion < 0) return '-1';
  return (perMillion / 1_000_000).toFixed(12).replace(/\.?0+$/, '');
}

function buildCatalogue(): Model[] {
  const models: Model[] = [];
  for (const provider of PROVIDERS) {
    for (const row of provider.models) {
      models.push(toModel(provider, row, false));
      if (row[5].includes('F')) models.push(toModel(provider, row, true));
    }
  }
  models.push(...FAULT_MODE_EXAMPLES.map(faultModel));
  return models;
}

function toModel(provider: ProviderTable, row: ModelRow, free: boolean): Model {
  const [slug, modelName, contextK, promptPerM, completionPerM, flags] = row;
  const baseId = `${provider.slug}/${slug}`;
  const id = free ? `${baseId}:free` : baseId;
  const contextLength = contextK === 1048 ? 1_048_576 : contextK * 1000;
  const input = ['text'];
  if (flags.includes('i')) input.push('image');
  if (flags.includes('f')) input.push('file');
  if (flags.includes('a')) input.push('audio');
  const output = flags.includes('O') ? ['image'] : flags.includes('o') ? ['image', 'text'] : ['text'];
  const name = `${provider.displayName}: ${modelName}${free ? ' (free)' : ''}`;
  const price = (perM: number) => (free ? '0' : perTokenPrice(perM));
  const pricing: ModelPricing = {
    prompt: price(promptPerM),
    completion: price(completionPerM),
    // Image-only models cost nothing per token but are billed per generated image: a zero prompt and
    // completion price alone must not make a model "free".
    request: !free && flags.includes('O') ? '0.03' : '0',
    image: !free && input.includes('image') ? perTokenPrice(promptPerM * 1000) : '0',
    web_search: !free && slug.includes('search') ? WEB_SEARCH_PRICE : '0',
    internal_reasoning: '0',
  };
  if (!free && provider.moderated) {
    pricing.input_cache_read = perTokenPrice(promptPerM / 10);
    pricing.input_cache_write = perTokenPrice(promptPerM * 1.25);
  }
  return {
    id,
    canonical_slug: baseId,
    hugging_face_id:
      OPEN_WEIGHT_PROVIDERS.has(provider.slug) && !/o/i.test(flags) ? `${provider.slug}/${slug}` : null,
    name,
    created: EPOCH_START + (hashString(baseId) % CREATED_SPREAD_SECONDS),
    description: modelDescription(provider, modelName, flags, contextLength),
    context_length: contextLength,
    architecture: {
      modality: `${input.join('+')}->${output.join('+')}`,
      input_modalities: input,
      output_modalities: output,
      tokenizer: provider.tokenizer,
      instruct_type: null,
    },
    pricing,
    top_provider: {
      context_length: contextLength,
      max_completion_tokens: maxCompletion(contextLength, hashString(id)),
      is_moderated: provider.moderated,
    },
    per_request_limits: null,
    supported_parameters: supportedParameters(flags),
    default_parameters: { temperature: null, top_p: null, frequency_penalty: null },
    ...(RETIRING[id] !== undefined ? { expiration_date: RETIRING[id] } : {}),
    knowledge_cutoff: KNOWLEDGE_CUTOFF[baseId] ?? null,
    ...(flags.includes('r') ? { reasoning: reasoningMeta(baseId) } : {}),
  };
}

function faultModel(mode: string): Model {
  const id = `${FAULT_MODEL_PREFIX}${mode}`;
  return {
    id,
    canonical_slug: id,
    hugging_face_id: null,
    name: `Emulator: ${mode}`,
    created: EPOCH_START,
    description: `Test model served by the OpenRouter emulator: every request gets the "${mode}" fault.`,
    context_length: 8192,
    architecture: {
      modality: 'text->text',
      input_modalities: ['text'],
      output_modalities: ['text'],
      tokenizer: 'Other',
      instruct_type: null,
    },
    pricing: {
      prompt: '0',
      completion: '0',
      request: '0',
      image: '0',
      web_search: '0',
      internal_reasoning: '0',
    },
    top_provider: { context_length: 8192, max_completion_tokens: 4096, is_moderated: false },
    per_request_limits: null,
    supported_parameters: supportedParameters('r'),
    default_parameters: { temperature: null, top_p: null, frequency_penalty: null },
    knowledge_cutoff: null,
    reasoning: reasoningMeta(id),
  };
}

function supportedParameters(flags: string): string[] {
  const params = [
    'max_tokens',
    'temperature',
    'top_p',
    'stop',
    'frequency_penalty',
    'presence_penalty',
    'seed',
  ];
  if (flags.includes('t')) params.push('tools', 'tool_choice');
  if (flags.includes('s')) params.push('response_format', 'structured_outputs');
  if (flags.includes('r')) params.push('reasoning', 'include_reasoning');
  return params;
}

function maxCompletion(contextLength: number, hash: number): number | null {
  if (hash % 7 === 0) return null;
  if (contextLength >= 400_000) return 128_000;
  if (contextLength >= 200_000) return 64_000;
  if (contextLength >= 128_000) return 16_384;
  return Math.min(4096, contextLength);
}

function modelDescription(
  provider: ProviderTable,
  modelName: string,
  flags: string,
  contextLength: number,
): string {
  const abilities: string[] = [];
  if (flags.includes('i')) abilities.push('image understanding');
  if (flags.includes('f')) abilities.push('PDF inputs');
  if (flags.includes('a')) abilities.push('audio inputs');
  if (/o/i.test(flags)) abilities.push('image generation');
  if (flags.includes('r')) abilities.push('step-by-step reasoning');
  if (flags.includes('t')) abilities.push('tool calling');
  const window = `${Math.round(contextLength / 1000)}K-token context window`;
  const extra = abilities.length > 0 ? ` It supports ${abilities.join(', ')}.` : '';
  return `${modelName} is a model from ${provider.displayName} with a ${window}.${extra}`;
}
