import { describe, expect, it } from 'vitest';
import type { ChatRequest, ChatStreamEvent } from '../../../common/chat-types';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createOpenRouterClient } from './client';
import { ChatStreamFailure } from './stream-failure';
import { readRealFixture, recordedNetworkChunks, resplit } from './testing/real-fixtures';
import { fakeFetch, TEST_KEY, writableBody } from './testing/test-support';

/**
 * Replays streams recorded against the live OpenRouter API (fixtures/real/, origins in SOURCES.md)
 * through the real client, and pins what it yields today. What the client still drops is listed under
 * "Gaps found" in SOURCES.md; the `drops` tests below pin those gaps so closing one shows up here.
 */

const REQUEST: ChatRequest = { model: 'any/model', messages: [{ role: 'user', content: 'Hi' }] };

const REASONING = 'streams/ai-sdk-provider-VatY3XorSc2-claude-3.7-sonnet-thinking-reasoning.jsonl';
const SPLIT_EVENT = 'streams/ai-sdk-provider-i2VRzTzhjbW-claude-3.5-sonnet-event-split-across-chunks.jsonl';
const CACHED = 'streams/ai-sdk-provider-7buJmKWfmK3-claude-sonnet-4-plain.jsonl';

/** Streams `chunks` as the response body; returns the result and every event the client emitted. */
async function replay(chunks: readonly (string | Uint8Array)[]) {
  const body = writableBody();
  for (const chunk of chunks) body.push(chunk);
  body.close();
  const { fetch } = fakeFetch(() => ({ body }));
  const client = createOpenRouterClient({
    baseUrl: 'https://openrouter.test/api/v1',
    getKey: () => TEST_KEY,
    log: createMemoryLogger(),
    fetch,
    sleep: async () => {},
  });
  const events: ChatStreamEvent[] = [];
  const result = await client.streamChat(REQUEST, { onEvent: (e) => events.push(e) });
  return { result, events };
}

/** As recorded, re-split every 7 bytes, and one byte at a time. */
function splits(fixture: string): [string, (string | Uint8Array)[]][] {
  const chunks = recordedNetworkChunks(readRealFixture(fixture));
  return [
    ['recorded chunks', chunks],
    ['7-byte chunks', resplit(chunks, 7)],
    ['1-byte chunks', resplit(chunks, 1)],
  ];
}

describe('replaying recorded streams', () => {
  it('rebuilds wire text that carries the keep-alive comments, the split event and [DONE]', () => {
    const wire = recordedNetworkChunks(readRealFixture(SPLIT_EVENT)).join('');
    expect(wire.startsWith(': OPENROUTER PROCESSING\n\n')).toBe(true);
    expect(wire.endsWith('data: [DONE]\n\n')).toBe(true);
    // Every event is a comment or data that parses: the split event was joined back.
    for (const event of wire.split('\n\n').filter((e) => e !== '')) {
      if (event.startsWith(':')) continue;
      expect(event.startsWith('data: ')).toBe(true);
      const data = event.slice('data: '.length);
      if (data === '[DONE]') continue;
      // The model field of the split event crosses the chunk boundary ("anthrop" | "ic/claude…").
      expect((JSON.parse(data) as { model?: unknown }).model).toBe('anthropic/claude-3.5-sonnet');
    }
  });
});

describe.each(splits(REASONING))('claude-3.7-sonnet:thinking with reasoning (%s)', (_name, chunks) => {
  it('yields the reasoning, the reply, usage with cost and the finish reason', async () => {
    const { result, events } = await replay(chunks);
    expect(result.reasoning).toBe(
      "The capital of France is Paris. This is a straightforward factual question with a well-known answer. Paris is the most populous city in France and has been the country's capital since 987 CE, when Hugh Capet, the first king of the Capetian dynasty, made the city his seat of government. Paris is located in the north-central part of France on the Seine River.",
    );
    expect(result.content).toBe(
      "The capital of France is Paris. Paris is located in the north-central part of the country on the Seine River and is one of the world's major cultural, financial, and political centers.",
    );
    expect(result.finishReason).toBe('stop');
    expect(result.model).toBe('anthropic/claude-3.7-sonnet:thinking');
    expect(result.generationId).toBe('gen-1767761748-03bXWfD95XJbsdMF29y7');
    // The usage chunk comes after the finish_reason chunk and has a non-empty choices array.
    expect(result.usage).toEqual({
      promptTokens: 43,
      completionTokens: 134,
      reasoningTokens: 90,
      cost: 0.002139,
    });
    expect(events.filter((e) => e.type === 'usage')).toHaveLength(1);
    expect(events.at(-1)?.type).toBe('done');
  });
});

describe.each(splits(SPLIT_EVENT))(
  'claude-3.5-sonnet, an event split across chunks (%s)',
  (_name, chunks) => {
    it('yields the whole reply and usage', async () => {
      const { result } = await replay(chunks);
      expect(
        result.content.startsWith('The most recent SpaceX launch was the Starlink Group 6-24 mission'),
      ).toBe(true);
      expect(
        result.content.endsWith(
          'official website or social media channels for the very latest launch information.',
        ),
      ).toBe(true);
      expect(result.content).toHaveLength(797);
      expect(result.content).toContain('on October 21, 2023. The Falcon 9 rocket lifted off');
      expect(result.reasoning).toBe('');
      expect(result.finishReason).toBe('stop');
      expect(result.model).toBe('anthropic/claude-3.5-sonnet');
      expect(result.usage).toEqual({
        promptTokens: 19,
        completionTokens: 221,
        reasoningTokens: 0,
        cost: 0.006744,
      });
    });
  },
);

describe.each(splits(CACHED))('claude-sonnet-4 with a cached prompt (%s)', (_name, chunks) => {
  it('yields the reply and usage with the discounted cost', async () => {
    const { result } = await replay(chunks);
    expect(result.content).toBe(
      'I counted the number of "a" characters in your message by going through it systematically. Your message consists entirely of the letter "a" repeated many times.\n\nAfter counting, I found that you used **10,000** "a"s in your previous message.',
    );
    expect(result.finishReason).toBe('stop');
    expect(result.usage).toEqual({
      promptTokens: 1421,
      completionTokens: 59,
      reasoningTokens: 0,
      cost: 0.0013545,
    });
  });
});

describe('drops (gaps listed in SOURCES.md)', () => {
  it('keeps no reasoning_details, signature or serving provider from the reasoning stream', async () => {
    const wire = recordedNetworkChunks(readRealFixture(REASONING)).join('');
    expect(wire).toContain('"signature":"ErkBCk');
    expect(wire).toContain('"provider":"');
    const { result, events } = await replay([wire]);
    const everything = JSON.stringify({ result, events });
    expect(everything).not.toContain('ErkBCk');
    expect(everything).not.toContain('provider');
    expect(everything).not.toContain('is_byok');
  });

  it('keeps no cached-token count from the prompt-caching stream', async () => {
    const wire = recordedNetworkChunks(readRealFixture(CACHED)).join('');
    expect(wire).toContain('"cached_tokens":1405');
    const { result } = await replay([wire]);
    expect(JSON.stringify(result)).not.toContain('1405');
  });

  it('shows no text for a real non-streamed chat.completion body (there is no non-streaming path)', async () => {
    const bytes = readRealFixture('completions/ai-sdk-provider-JBHEylom5vE-claude-sonnet-4.json');
    expect(JSON.parse(bytes).choices[0].message.content).toContain('2 + 2 = 4');
    const { fetch } = fakeFetch(
      () => new Response(bytes, { status: 200, headers: { 'content-type': 'application/json' } }),
    );
    const client = createOpenRouterClient({
      baseUrl: 'https://openrouter.test/api/v1',
      getKey: () => TEST_KEY,
      log: createMemoryLogger(),
      fetch,
      sleep: async () => {},
    });
    const error = await client.streamChat(REQUEST, { onEvent: () => {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChatStreamFailure);
    const failure = error as ChatStreamFailure;
    expect(failure.error.code).toBe('upstream_error');
    expect(failure.partialContent).toBe('');
  });
});
