import type { ChatStreamEvent, Usage } from '../../../common/chat-types';
import type { Message } from '../../../common/conversation-types';

/**
 * Folds a batch of stream events into the assistant message they belong to. Pure, so the store can
 * apply batches that arrived before the message itself (events can beat the `sendMessage` reply).
 */
export function applyStreamEvents(message: Message, events: readonly ChatStreamEvent[]): Message {
  let next = message;
  for (const event of events) {
    switch (event.type) {
      case 'delta':
        next = {
          ...next,
          status: 'streaming',
          content: next.content + event.content,
          reasoning: next.reasoning + event.reasoning,
        };
        break;
      case 'usage':
        next = { ...next, usage: event.usage };
        break;
      case 'done':
        next = {
          ...next,
          status: 'complete',
          // The result carries the whole text; fall back to what streamed if it came back empty.
          content: event.result.content || next.content,
          reasoning: event.result.reasoning || next.reasoning,
          usage: event.result.usage ?? next.usage,
          finishReason: event.result.finishReason,
          generationId: event.result.generationId,
          model: event.result.model ?? next.model,
          provider: event.result.provider ?? next.provider ?? null,
          citations: event.result.citations,
          images: event.result.images,
          error: null,
        };
        break;
      case 'error': {
        const cancelled = event.error.code === 'cancelled';
        next = {
          ...next,
          status: cancelled ? 'cancelled' : 'error',
          // Partial text is never thrown away: it stays above the error.
          content: event.partialContent || next.content,
          reasoning: event.partialReasoning || next.reasoning,
          error: cancelled ? null : event.error,
        };
        break;
      }
    }
  }
  return next;
}

/** Final figures main fetched (`GET /generation`) for a reply whose stream ended without usage. */
export interface ReplyUsageUpdate {
  usage: Usage;
  provider: string | null;
}

/**
 * Puts the final usage on a reply after its stream ended (cancelled, dropped); text and status stay.
 * A provider main could not learn does not erase one the stream already named.
 */
export function applyReplyUsage(message: Message, update: ReplyUsageUpdate): Message {
  return { ...message, usage: update.usage, provider: update.provider ?? message.provider ?? null };
}

/** True when the batch ends the stream (exactly one `done` or `error` closes it). */
export function endsStream(events: readonly ChatStreamEvent[]): boolean {
  return events.some((e) => e.type === 'done' || e.type === 'error');
}
