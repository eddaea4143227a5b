import { z } from 'zod';
import type { FinishReason, Usage } from '../../../common/chat-types';

/**
 * The streamed `chat.completion.chunk`, validated leniently: unknown fields pass through (OpenRouter
 * adds fields often), only the ones we read are typed. A chunk whose known fields have the wrong type
 * is rejected as malformed rather than guessed at.
 */
const ReasoningDetailSchema = z.looseObject({
  type: z.string().nullish(),
  text: z.string().nullish(),
  summary: z.string().nullish(),
});

const DeltaSchema = z.looseObject({
  content: z.string().nullish(),
  reasoning: z.string().nullish(),
  reasoning_details: z.array(ReasoningDetailSchema).nullish(),
});

const ChoiceSchema = z.looseObject({
  index: z.number().nullish(),
  delta: DeltaSchema.nullish(),
  finish_reason: z.string().nullish(),
});

const UsageSchemaIn = z.looseObject({
  prompt_tokens: z.number().nullish(),
  completion_tokens: z.number().nullish(),
  completion_tokens_details: z.looseObject({ reasoning_tokens: z.number().nullish() }).nullish(),
  cost: z.number().nullish(),
});

export const ChunkSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  choices: z.array(ChoiceSchema).nullish(),
  usage: UsageSchemaIn.nullish(),
  // Shape checked by error-mapping, which tolerates anything.
  error: z.unknown().optional(),
});
export type Chunk = z.infer<typeof ChunkSchema>;
type Delta = z.infer<typeof DeltaSchema>;

/** The choice we display: index 0, or the first one when indices are missing. */
export function primaryChoice(chunk: Chunk): z.infer<typeof ChoiceSchema> | undefined {
  const choices = chunk.choices ?? [];
  return choices.find((c) => c.index === 0) ?? choices[0];
}

/**
 * `delta.reasoning` when present; otherwise the text of `reasoning_details` in order. Encrypted
 * details carry no readable text and are skipped.
 */
export function reasoningText(delta: Delta): string {
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

export function toUsage(u: z.infer<typeof UsageSchemaIn>): Usage {
  const reasoning = u.completion_tokens_details?.reasoning_tokens;
  return {
    promptTokens: count(u.prompt_tokens),
    completionTokens: count(u.completion_tokens),
    ...(typeof reasoning === 'number' ? { reasoningTokens: count(reasoning) } : {}),
    ...(typeof u.cost === 'number' && Number.isFinite(u.cost) && u.cost >= 0 ? { cost: u.cost } : {}),
  };
}
