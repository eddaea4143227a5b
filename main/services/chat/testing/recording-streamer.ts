import type { ChatRequest, ChatResult, ChatStreamEvent } from '../../../../common/chat-types';

/** A stand-in for the OpenRouter client: records every request and replies at once with fixed text. */
export function recordingStreamer(text = 'Hi there') {
  const requests: ChatRequest[] = [];
  return {
    requests,
    streamChat: async (request: ChatRequest, { onEvent }: { onEvent: (e: ChatStreamEvent) => void }) => {
      requests.push(request);
      onEvent({ type: 'delta', content: text, reasoning: '' });
      const result: ChatResult = {
        content: text,
        reasoning: '',
        finishReason: 'stop',
        usage: { promptTokens: 3, completionTokens: 2 },
        generationId: 'gen-1',
        model: 'served/model',
        provider: null,
        citations: [],
        images: [],
      };
      onEvent({ type: 'done', result });
      return result;
    },
  };
}
