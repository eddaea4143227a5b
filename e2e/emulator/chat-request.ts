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
}

export type ChatRequestResult = { ok: true; request: ChatRequest } | { ok: false; message: string };

/** The model field, for reading fault modes from `emulator/<mode>` before full validation. */
export function requestedModel(body: unknown): string | undefined {
  const model = isObject(body) ? body.model : undefined;
  return typeof model === 'string' ? model : undefined;
}

export function parseChatRequest(body: unknown): ChatRequestResult {
  if (!isObject(body)) return { ok: false, message: 'Invalid JSON body: expected an object' };
  const model = body.model === undefined ? DEFAULT_MODEL : body.model;
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
  return { ok: true, request: { model, messages, stream: body.stream === true, maxTokens, seed } };
}

function positiveInteger(v: unknown): number | null {
  return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
