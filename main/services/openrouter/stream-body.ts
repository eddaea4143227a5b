import type { ChatStreamEvent, FinishReason, Usage } from '../../../common/chat-types';
import { AppFailure } from '../../../common/errors';
import type { LogFields } from '../log/logger';
import {
  ChunkSchema,
  normalizeFinishReason,
  primaryChoice,
  providerName,
  reasoningText,
  toUsage,
} from './chunk';
import type { CitationCollector } from './citations';
import { failure, MESSAGES, mapStreamError } from './error-mapping';
import type { FileAnnotationCollector } from './file-annotations';
import { transportFailure } from './http';
import type { ClientContext } from './options';
import type { ReasoningDetailsCollector } from './reasoning-details';
import type { ImageCollector } from './reply-images';
import { scrub } from './scrub';
import { readSseData, SseOverflowError } from './sse-stream';
import type { AttemptScope } from './timeouts';

/**
 * Reads one 200 SSE body into the stream state: each chunk validated, deltas and usage emitted, the
 * end of the reply recognised ([DONE], or a finish_reason before the body ends).
 */

/** What has arrived so far; survives across retries (which only happen while it is still empty). */
export interface StreamState {
  content: string;
  reasoning: string;
  emittedDelta: boolean;
  finishReason: FinishReason | null;
  usage: Usage | null;
  generationId: string | null;
  model: string | null;
  /** The serving provider as last named by a chunk (cleaned, see chunk.ts `providerName`). */
  provider: string | null;
  citations: CitationCollector;
  /** `file` annotations (a parsed PDF), read from the same `annotations` field as the citations. */
  fileAnnotations: FileAnnotationCollector;
  images: ImageCollector;
  reasoningDetails: ReasoningDetailsCollector;
  sawDone: boolean;
}

export async function consumeStreamBody(
  ctx: ClientContext,
  body: ReadableStream<Uint8Array>,
  scope: AttemptScope,
  key: string,
  state: StreamState,
  emit: (e: ChatStreamEvent) => void,
): Promise<void> {
  // Any chunk, keep-alive comments included, proves the connection is alive: the first one ends the
  // first-byte wait, each one restarts the idle watchdog.
  const onChunk = () => scope.arm('idle', ctx.timeouts.idleMs);
  try {
    for await (const data of readSseData(body, { onChunk })) {
      // One network chunk can hold several events; none may be delivered after a cancel or timeout.
      if (scope.cause !== null) throw transportFailure(ctx, scope, scope.signal.reason, 'after-response');
      if (data.trim() === '[DONE]') {
        state.sawDone = true;
        break;
      }
      if (handleChunk(ctx, data, key, state, emit) === 'ended') break;
    }
  } catch (error) {
    if (error instanceof AppFailure) throw error;
    if (error instanceof SseOverflowError) {
      ctx.log.warn('OpenRouter sent an oversized event');
      throw failure('upstream_error', MESSAGES.malformedReply);
    }
    throw transportFailure(ctx, scope, error, 'after-response');
  }
  // Without [DONE], a finish_reason still marks a complete reply; without either, the stream was cut.
  if (!state.sawDone && state.finishReason === null) {
    ctx.log.warn('OpenRouter stream ended before the reply finished', { chars: state.content.length });
    throw failure('connection_lost', MESSAGES.connectionLost);
  }
}

function handleChunk(
  ctx: ClientContext,
  data: string,
  key: string,
  state: StreamState,
  emit: (e: ChatStreamEvent) => void,
): 'more' | 'ended' {
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    json = undefined;
  }
  const parsed = json === undefined ? null : ChunkSchema.safeParse(json);
  if (parsed === null || !parsed.success) {
    ctx.log.warn('Malformed chunk from OpenRouter', {
      length: data.length,
      sample: scrub(data.slice(0, 200), [key]),
      issue: parsed ? scrub(parsed.error.issues[0]?.message ?? '', [key]) : 'invalid JSON',
    });
    throw failure('upstream_error', MESSAGES.malformedReply);
  }
  const chunk = parsed.data;
  if (chunk.id) state.generationId = chunk.id;
  if (chunk.model) state.model = chunk.model;
  const provider = providerName(chunk.provider);
  if (provider !== null) state.provider = provider;

  if (chunk.error !== undefined && chunk.error !== null) {
    const mapped = mapStreamError(chunk.error, [key]);
    // OpenRouter can end a reply with finish_reason "length" (usage may follow) and then still send an
    // error chunk (../shared/docs/openrouter-api.md, "Responses and errors"). The reply was already
    // complete, cut off by the length limit: keep it, its usage and its finish reason; only log the error.
    if (state.finishReason === 'length') {
      if (chunk.usage && state.usage === null) {
        state.usage = toUsage(chunk.usage);
        emit({ type: 'usage', usage: state.usage });
      }
      ctx.log.warn(
        'OpenRouter sent an error after the reply was cut off by the length limit',
        reportedErrorFields(mapped, state),
      );
      return 'ended';
    }
    ctx.log.warn('OpenRouter reported an error mid-stream', reportedErrorFields(mapped, state));
    throw mapped;
  }

  const choice = primaryChoice(chunk);
  if (choice?.delta) {
    const content = choice.delta.content ?? '';
    const reasoning = reasoningText(choice.delta);
    if (content !== '' || reasoning !== '') {
      state.content += content;
      state.reasoning += reasoning;
      state.emittedDelta = true;
      emit({ type: 'delta', content, reasoning });
    }
    // Kept beside the text, never instead of it: each reader drops bad entries with a log line.
    state.reasoningDetails.addFragments(choice.delta.reasoning_details);
    state.citations.add(choice.delta.annotations);
    state.fileAnnotations.add(choice.delta.annotations);
    state.images.add(choice.delta.images);
  }
  if (choice?.finish_reason) state.finishReason = normalizeFinishReason(choice.finish_reason);

  if (chunk.usage) {
    const first = state.usage === null;
    state.usage = toUsage(chunk.usage);
    // The contract promises at most one usage event; a (not documented) second report only updates it.
    if (first) emit({ type: 'usage', usage: state.usage });
  }
  return 'more';
}

/** A log line's fields for an error OpenRouter reported inside a 200 reply: what it was and how much text came first. */
export function reportedErrorFields(mapped: AppFailure, state: StreamState): LogFields {
  return {
    code: mapped.error.code,
    status: mapped.error.status,
    message: mapped.error.message,
    chars: state.content.length,
  };
}
