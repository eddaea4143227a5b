import type { ChatRequest, ChatResult, ChatStreamEvent } from '../../../../common/chat-types';
import type { ReplyData } from '../../openrouter/reply-data';
import type { ChatStreamer } from '../chat-sessions';

/** A failure as the client rejects with it: an Error that may carry the stream's generation id. */
export class FailureWithGeneration extends Error {
  constructor(readonly generationId: string | null) {
    super('stream failed');
  }
}

export type Script =
  | { kind: 'done'; result: ChatResult; replyData?: ReplyData }
  | { kind: 'fail'; text: string; code: 'cancelled' | 'connection_lost'; generationId: string | null }
  /** OpenRouter answered with an error status before any text (a 429, say). */
  | { kind: 'refused'; status: number };

/**
 * A stand-in for the OpenRouter client that plays one script per request: a finished reply (with
 * optional ReplyData, handed over before `done` like the client does) or a failure after some text.
 */
export function scriptedStreamer(scripts: Script[]) {
  const requests: ChatRequest[] = [];
  const streamer: ChatStreamer = {
    streamChat: async (request, { onEvent, onReplyData }) => {
      requests.push(request);
      const script = scripts.shift();
      if (!script) throw new Error('no script left');
      if (script.kind === 'refused') {
        onEvent({
          type: 'error',
          error: { code: 'rate_limited', message: 'Slow down.', status: script.status },
          partialContent: '',
          partialReasoning: '',
        } satisfies ChatStreamEvent);
        throw new FailureWithGeneration(null);
      }
      if (script.kind === 'fail') {
        onEvent({ type: 'delta', content: script.text, reasoning: '' });
        onEvent({
          type: 'error',
          error: { code: script.code, message: 'It stopped.' },
          partialContent: script.text,
          partialReasoning: '',
        } satisfies ChatStreamEvent);
        throw new FailureWithGeneration(script.generationId);
      }
      onEvent({ type: 'delta', content: script.result.content, reasoning: '' });
      if (script.replyData) onReplyData?.(script.replyData);
      onEvent({ type: 'done', result: script.result });
      return script.result;
    },
  };
  return { streamer, requests };
}
