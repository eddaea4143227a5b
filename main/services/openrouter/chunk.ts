import { z } from 'zod';
import type { FinishReason, Usage } from '../../../common/chat-types';

/**
 * The streamed `chat.completion.chunk`, validated leniently: unknown fields pass through (OpenRouter
 * adds fields often), only the ones we read are typed. A chunk whose core fields (text, finish reason,
 * token counts) have the wrong type is rejected as malformed rather than guessed at. Extras that only
 * add detail (usage breakdown, `provider`, `annotations`, `images`) never fail a chunk: a wrong type
 * there is read as absent (`.catch`), or checked entry by entry by their own readers (citations.ts,
 * reply-images.ts), so odd extras cannot cost the person the reply text.
 */
export const ReasoningDetailSchema = z.looseObject({
  type: z.string().nullish(),
  text: z.string().nullish(),
  summary: z.string().nullish(),
});

const DeltaSchema = z.looseObject({
  content: z.string().nullish(),
  reasoning: z.string().nullish(),
  reasoning_details: z.array(ReasoningDetailSchema).nullish(),
  /** `url_citation` entries and others; read by citations.ts. */
  annotations: z.unknown().optional(),
  /** `{type:"image_url", image_url:{url}}` entries; read by reply-images.ts. */
  images: z.unknown().optional(),
});

const ChoiceSchema = z.looseObject({
  index: z.number().nullish(),
  delta: DeltaSchema.nullish(),
  finish_reason: z.string().nullish(),
});

/** An optional number inside the usage extras; anything else reads as absent. */
const extraNumber = z.number().nullish().catch(null);

export const UsageSchemaIn = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  completion_tokens_details: z
    .looseObject({ reasoning_tokens: z.number().nullish(), image_tokens: extraNumber })
    .nullish(),
  prompt_tokens_details: z
    .looseObject({ cached_tokens: extraNumber, cache_write_tokens: extraNumber })
    .nullish()
    .catch(null),
  server_tool_use_details: z.looseObject({ web_search_requests: extraNumber }).nullish().catch(null),
  // A cost that is not a number (a string, seen in proxies' bodies) is read as absent, never a malformed
  // chunk: the reply keeps its text, and main asks /generation for the figure (conversation-chat.ts).
  cost: z.number().nullish().catch(null),
  is_byok: z.boolean().nullish().catch(null),
  // Real non-BYOK usage has `upstream_inference_cost: null` (fixtures/real/SOURCES.md).
  cost_details: z.looseObject({ upstream_inference_cost: extraNumber }).nullish().catch(null),
});
export type UsageIn = z.infer<typeof UsageSchemaIn>;

export const ChunkSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  /** Who served the reply; not in the docs' chunk shape but on every real chunk. */
  provider: z.unknown().optional(),
  choices: z.array(ChoiceSchema).nullish(),
  usage: UsageSchemaIn.nullish(),
  // Shape checked by error-mapping, which tolerates anything.
  error: z.unknown().optional(),
});
export type Chunk = z.infer<typeof ChunkSchema>;
export type Delta = z.infer<typeof DeltaSchema>;

/** The choice we display: index 0, or the first one when indices are missing. */
export function primaryChoice<C extends { index?: number | null }>(chunk: {
  choices?: C[] | null;
}): C | undefined {
  const choices = chunk.choices ?? [];
  return choices.find((c) => c.index === 0) ?? choices[0];
}

/**
 * `delta.reasoning` when present; otherwise the text of `reasoning_details` in order. Encrypted
 * details carry no readable text and are skipped.
 */
export function reasoningText(delta: Pick<Delta, 'reasoning' | 'reasoning_details'>): string {
  if (typeof delta.reasoning === 'string' && delta.reasoning !== '') return delta.reasoning;
  return (delta.reasoning_details ?? [])
    .filter((d) => d.type !== 'reasoning.encrypted')
    .map((d) => d.text ?? d.summary ?? '')
    .join('');
}

const KNOWN_FINISH_REASONS: ReadonlySet<string> = new Set([
  'stop',
  'length',
  'tool_calls',
  'content_filter',
  'error',
]);

export function normalizeFinishReason(raw: string): FinishReason {
  return KNOWN_FINISH_REASONS.has(raw) ? (raw as FinishReason) : 'unknown';
}

function count(n: number | null | undefined): number {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}

function isCount(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n);
}

function isAmount(n: number | null | undefined): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0;
}

/** Every figure OpenRouter reports that the usage line shows; absent ones stay absent (not 0). */
export function toUsage(u: UsageIn): Usage {
  const reasoning = u.completion_tokens_details?.reasoning_tokens;
  const images = u.completion_tokens_details?.image_tokens;
  const cached = u.prompt_tokens_details?.cached_tokens;
  const cacheWrite = u.prompt_tokens_details?.cache_write_tokens;
  const searches = u.server_tool_use_details?.web_search_requests;
  const upstream = u.cost_details?.upstream_inference_cost;
  return {
    promptTokens: count(u.prompt_tokens),
    completionTokens: count(u.completion_tokens),
    ...(isCount(reasoning) ? { reasoningTokens: count(reasoning) } : {}),
    ...(isAmount(u.cost) ? { cost: u.cost } : {}),
    ...(isCount(cached) ? { cachedPromptTokens: count(cached) } : {}),
    ...(isCount(cacheWrite) ? { cacheWriteTokens: count(cacheWrite) } : {}),
    ...(isCount(images) ? { imageTokens: count(images) } : {}),
    ...(isCount(searches) ? { webSearchRequests: count(searches) } : {}),
    ...(typeof u.is_byok === 'boolean' ? { isByok: u.is_byok } : {}),
    ...(isAmount(upstream) ? { upstreamCost: upstream } : {}),
  };
}

/** Longest provider name kept; real ones are short ("Amazon Bedrock"). */
const MAX_PROVIDER_CHARS = 100;

/** `provider` as shown to the person: a short single-line string, or null. */
export function providerName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  const cleaned = stripControlCharacters(raw).replace(/\s+/g, ' ').trim();
  if (cleaned === '') return null;
  if (cleaned.length <= MAX_PROVIDER_CHARS) return cleaned;
  const cut = cleaned.slice(0, MAX_PROVIDER_CHARS);
  // Never half a surrogate pair.
  return /[\ud800-\udbff]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/**
 * C0/C1 controls, and the bidi/zero-width formatting characters that can make text read differently
 * from what it is (a title that reverses itself, a host that looks like another).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const CONTROL_OR_BIDI = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function stripControlCharacters(text: string): string {
  // Line breaks and tabs become spaces so words on either side stay apart.
  return text.replace(/[\t\n\r]/g, ' ').replace(CONTROL_OR_BIDI, '');
}
