import { z } from 'zod';
import type { ChatStreamEvent } from '../../../common/chat-types';
import {
  normalizeFinishReason,
  primaryChoice,
  providerName,
  ReasoningDetailSchema,
  reasoningText,
  toUsage,
  UsageSchemaIn,
} from './chunk';
import type { StreamState } from './stream-body';

/**
 * A complete `chat.completion` JSON body, as OpenRouter can send it even to a streaming request (real
 * body: fixtures/real/completions/…JBHEylom5vE…). Read as a whole reply: the text as one delta, then
 * usage, with the same provider, citations, images and reasoning details a stream would give.
 */
const MessageSchema = z.looseObject({
  content: z.string().nullish(),
  reasoning: z.string().nullish(),
  reasoning_details: z.array(ReasoningDetailSchema).nullish(),
  annotations: z.unknown().optional(),
  images: z.unknown().optional(),
});

const CompletionSchema = z.looseObject({
  id: z.string().nullish(),
  model: z.string().nullish(),
  provider: z.unknown().optional(),
  choices: z
    .array(
      z.looseObject({
        index: z.number().nullish(),
        message: MessageSchema,
        finish_reason: z.string().nullish(),
        /** A provider failure after part of the reply (finish_reason "error"); read by error-mapping. */
        error: z.unknown().optional(),
      }),
    )
    .min(1),
  usage: UsageSchemaIn.nullish(),
});

export type CompletionOutcome =
  | { kind: 'not-a-completion' }
  | { kind: 'read' }
  /** The choice carries an error: the text it has was kept in `state`, the error is the caller's to map. */
  | { kind: 'failed'; error: unknown };

/** Reads `body` into `state` and emits its events. */
export function readCompletionBody(
  body: unknown,
  state: StreamState,
  emit: (e: ChatStreamEvent) => void,
): CompletionOutcome {
  const parsed = CompletionSchema.safeParse(body);
  if (!parsed.success) return { kind: 'not-a-completion' };
  const completion = parsed.data;
  const choice = primaryChoice(completion);
  if (choice === undefined) return { kind: 'not-a-completion' };
  if (completion.id) state.generationId = completion.id;
  if (completion.model) state.model = completion.model;
  state.provider = providerName(completion.provider) ?? state.provider;

  const content = choice.message.content ?? '';
  const reasoning = reasoningText(choice.message);
  if (content !== '' || reasoning !== '') {
    state.content += content;
    state.reasoning += reasoning;
    state.emittedDelta = true;
    emit({ type: 'delta', content, reasoning });
  }
  // Like a mid-stream error chunk: the text so far is kept, the reply is a failure.
  if (choice.error !== undefined && choice.error !== null) return { kind: 'failed', error: choice.error };
  state.reasoningDetails.addComplete(choice.message.reasoning_details);
  state.citations.add(choice.message.annotations);
  state.fileAnnotations.add(choice.message.annotations);
  state.images.add(choice.message.images);
  state.finishReason = normalizeFinishReason(choice.finish_reason ?? 'unknown');
  if (completion.usage) {
    state.usage = toUsage(completion.usage);
    emit({ type: 'usage', usage: state.usage });
  }
  return { kind: 'read' };
}
