import { FAULT_MODEL_PREFIX } from './faults';
import { findModel } from './models';
import { hashString } from './rng';

// Validation of a `POST /chat/completions` body, with OpenRouter's wording for what it rejects.

export const DEFAULT_MODEL = 'openai/gpt-4o';

export interface ChatRequest {
  model: string;
  messages: unknown[];
  stream: boolean;
  /** From `max_completion_tokens` or the older `max_tokens`; null when absent. */
  maxTokens: number | null;
  /** The reply's seed: the request's `seed` when given, else a hash of the messages. */
  seed: number;
  /** `tools:[{type:"openrouter:web_search"}]`, or the older `plugins:[{id:"web"}]`: the reply cites sources. */
  webSearch: boolean;
  /** `modalities` includes "image", or the model only outputs images: the reply carries an image. */
  imageOutput: boolean;
  /** `reasoning` asked for (not disabled) on a model that reasons: the reply streams reasoning first. */
  reasoning: boolean;
}

export type ChatRequestResult = { ok: true; request: ChatRequest } | { ok: false; message: string };

/** `servedModel`: the model routing.ts chose (a preset's target, or a fallback), which replaces `model`. */
export function parseChatRequest(body: unknown, servedModel?: string): ChatRequestResult {
  if (!isObject(body)) return { ok: false, message: 'Invalid JSON body: expected an object' };
  const model = servedModel ?? (body.model === undefined ? DEFAULT_MODEL : body.model);
  if (typeof model !== 'string') return { ok: false, message: 'Invalid model: expected a string' };
  if (!model.startsWith(FAULT_MODEL_PREFIX) && !findModel(model)) {
    return { ok: false, message: `${model} is not a valid model ID` };
  }
  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    return { ok: false, message: 'Input required: specify "prompt" or "messages"' };
  }
  const maxTokens = positiveInteger(body.max_completion_tokens) ?? positiveInteger(body.max_tokens);
  const seed =
    typeof body.seed === 'number' && Number.isFinite(body.seed)
      ? body.seed
      : hashString(JSON.stringify(messages));
  return {
    ok: true,
    request: {
      model,
      messages,
      stream: body.stream === true,
      maxTokens,
      seed,
      webSearch: asksForWebSearch(body),
      imageOutput: asksForImage(body, model),
      reasoning: asksForReasoning(body, model),
    },
  };
}

function asksForWebSearch(body: Record<string, unknown>): boolean {
  const tools = Array.isArray(body.tools) ? (body.tools as unknown[]) : [];
  const plugins = Array.isArray(body.plugins) ? (body.plugins as unknown[]) : [];
  return (
    tools.some((t) => isObject(t) && t.type === 'openrouter:web_search') ||
    plugins.some((p) => isObject(p) && p.id === 'web')
  );
}

function asksForImage(body: Record<string, unknown>, model: string): boolean {
  const modalities = Array.isArray(body.modalities) ? (body.modalities as unknown[]) : [];
  if (modalities.includes('image')) return true;
  const output = findModel(model)?.architecture.output_modalities ?? [];
  // Image-only models (FLUX) always answer with an image.
  return output.includes('image') && !output.includes('text');
}

function asksForReasoning(body: Record<string, unknown>, model: string): boolean {
  const reasoning = body.reasoning;
  if (!isObject(reasoning) || reasoning.enabled === false || reasoning.effort === 'none') return false;
  return findModel(model)?.supported_parameters.includes('reasoning') ?? false;
}

function positiveInteger(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
