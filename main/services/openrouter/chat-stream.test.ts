import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChatRequest } from '../../../common/chat-types';
import { AppFailure } from '../../../common/errors';
import { createMemoryLogger } from '../log/testing/memory-logger';
import { createOpenRouterClient } from './client';
import type { OpenRouterClientOptions } from './options';
import type { ReplyData } from './reply-data';
import { ChatStreamFailure } from './stream-failure';
import { dataUrl, imageEntry, pngDataUrl } from './testing/images';
import {
  collectEvents,
  contentChunk,
  fakeFetch,
  finishChunk,
  sseData,
  TEST_KEY,
  writableBody,
} from './testing/test-support';

const REQUEST: ChatRequest = { model: 'test/model', messages: [{ role: 'user', content: 'Hi' }] };

function client(fetchImpl: typeof fetch, extra: Partial<OpenRouterClientOptions> = {}) {
  const log = createMemoryLogger();
  const c = createOpenRouterClient({
    baseUrl: 'https://openrouter.test/api/v1',
    getKey: () => TEST_KEY,
    log,
    fetch: fetchImpl,
    sleep: async () => {},
    ...extra,
  });
  return { client: c, log };
}

async function failureOf(p: Promise<unknown>): Promise<ChatStreamFailure> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ChatStreamFailure);
  return error as ChatStreamFailure;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('streamChat request', () => {
  it('posts model, messages, stream, temperature and max_tokens with the client headers', async () => {
    const body = writableBody();
    const { fetch, calls } = fakeFetch(() => ({ body }));
    const { client: c } = client(fetch);
    body.push(contentChunk('Hello'));
    body.push(finishChunk());
    body.push(sseData('[DONE]'));
    body.close();
    await c.streamChat({ ...REQUEST, temperature: 0.7, maxTokens: 256 }, { onEvent: () => {} });

    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe('https://openrouter.test/api/v1/chat/completions');
    expect(call?.init.method).toBe('POST');
    expect(call?.init.redirect).toBe('manual');
    expect(JSON.parse(String(call?.init.body))).toEqual({
      model: 'test/model',
      messages: [{ role: 'user', content: 'Hi' }],
      stream: true,
      temperature: 0.7,
      max_tokens: 256,
    });
    expect(call?.headers).toMatchObject({
      authorization: `Bearer ${TEST_KEY}`,
      'http-referer': 'https://github.com/switchboard-app/switchboard',
      'x-openrouter-title': 'Switchboard',
      'x-title': 'Switchboard',
      'content-type': 'application/json',
    });
  });

  it('omits optional fields and strips unknown message fields', async () => {
    const body = writableBody();
    const { fetch, calls } = fakeFetch(() => ({ body }));
    body.push(finishChunk());
    body.close();
    const messages = [{ role: 'user' as const, content: 'x', secret: 'nope' }];
    await client(fetch).client.streamChat({ model: 'm', messages }, { onEvent: () => {} });
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'x' }],
      stream: true,
    });
  });

  it('fails with key_missing before any request, emitting an error event', async () => {
    const { fetch, calls } = fakeFetch(() => {
      throw new Error('must not be called');
    });
    const { events, onEvent } = collectEvents();
    const { client: c } = client(fetch, { getKey: () => null });
    const f = await failureOf(c.streamChat(REQUEST, { onEvent }));
    expect(f).toBeInstanceOf(AppFailure);
    expect(f.error.code).toBe('key_missing');
    expect(calls).toHaveLength(0);
    expect(events).toEqual([{ type: 'error', error: f.error, partialContent: '', partialReasoning: '' }]);
  });
});

describe('streamChat parsing', () => {
  it('emits deltas, usage and done in order and resolves with the result', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({
      body,
      init: { headers: { 'content-type': 'text/event-stream', 'x-generation-id': 'gen-header' } },
    }));
    const { events, onEvent } = collectEvents();
    body.push(': OPENROUTER PROCESSING\n\n');
    body.push(contentChunk('Hel'));
    body.push(contentChunk('lo', { id: 'gen-chunk', model: 'served/model' }));
    body.push(finishChunk('weird_reason'));
    body.push(
      sseData({
        choices: [],
        usage: {
          prompt_tokens: 3,
          completion_tokens: 2,
          completion_tokens_details: { reasoning_tokens: 1 },
          cost: 0.5,
        },
      }),
    );
    body.push('data: [DONE]\n\n');
    body.close();
    const result = await client(fetch).client.streamChat(REQUEST, { onEvent });
    expect(result).toEqual({
      content: 'Hello',
      reasoning: '',
      finishReason: 'unknown',
      usage: { promptTokens: 3, completionTokens: 2, reasoningTokens: 1, cost: 0.5 },
      generationId: 'gen-test',
      model: 'test/model',
      provider: null,
      citations: [],
      images: [],
    });
    expect(events.map((e) => e.type)).toEqual(['delta', 'delta', 'usage', 'done']);
  });

  it('uses X-Generation-Id when chunks carry no id', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({
      body,
      init: { headers: { 'content-type': 'text/event-stream', 'x-generation-id': 'gen-header' } },
    }));
    body.push(sseData({ choices: [{ delta: { content: 'x' }, finish_reason: 'stop' }] }));
    body.close();
    const result = await client(fetch).client.streamChat(REQUEST, { onEvent: () => {} });
    expect(result.generationId).toBe('gen-header');
    expect(result.model).toBeNull();
  });

  it('reads reasoning from delta.reasoning, else from reasoning_details', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    body.push(
      sseData({
        choices: [{ delta: { reasoning: 'A', reasoning_details: [{ type: 'reasoning.text', text: 'A' }] } }],
      }),
    );
    body.push(
      sseData({
        choices: [
          {
            delta: {
              reasoning_details: [
                { type: 'reasoning.text', text: 'B' },
                { type: 'reasoning.summary', summary: 'C' },
                { type: 'reasoning.encrypted', data: 'xyz', text: '[REDACTED]' },
              ],
            },
          },
        ],
      }),
    );
    body.push(sseData({ choices: [{ delta: { content: 'answer' }, finish_reason: 'stop' }] }));
    body.close();
    const result = await client(fetch).client.streamChat(REQUEST, { onEvent: () => {} });
    expect(result.reasoning).toBe('ABC');
    expect(result.content).toBe('answer');
  });

  it('treats a stream that ends after a finish_reason but without [DONE] as complete', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    body.push(contentChunk('done'));
    body.push(finishChunk('length'));
    body.close();
    const result = await client(fetch).client.streamChat(REQUEST, { onEvent: () => {} });
    expect(result.finishReason).toBe('length');
  });

  it('a usage.cost that is not a number is read as absent: the reply completes with its text and tokens', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    body.push(contentChunk('All of it'));
    body.push(finishChunk('stop'));
    body.push(
      sseData({
        id: 'gen-test',
        choices: [],
        usage: { prompt_tokens: 7, completion_tokens: 3, cost: '0.002' },
      }),
    );
    body.push(sseData('[DONE]'));
    body.close();
    const result = await client(fetch).client.streamChat(REQUEST, { onEvent: () => {} });
    expect(result.content).toBe('All of it');
    expect(result.usage).toEqual({ promptTokens: 7, completionTokens: 3 });
  });

  it('reports connection_lost, keeping the text, when the stream ends early', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    const { events, onEvent } = collectEvents();
    body.push(contentChunk('partial '));
    body.push(contentChunk('text'));
    body.close();
    const f = await failureOf(client(fetch).client.streamChat(REQUEST, { onEvent }));
    expect(f.error.code).toBe('connection_lost');
    expect(f.partialContent).toBe('partial text');
    expect(events.at(-1)).toEqual({
      type: 'error',
      error: f.error,
      partialContent: 'partial text',
      partialReasoning: '',
    });
  });

  it('fails with upstream_error on malformed JSON, keeping the text and logging it redacted', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    body.push(contentChunk('kept'));
    body.push(`data: {"oops": "${TEST_KEY}"\n\n`);
    body.push(finishChunk());
    const { client: c, log } = client(fetch);
    const f = await failureOf(c.streamChat(REQUEST, { onEvent: () => {} }));
    expect(f.error.code).toBe('upstream_error');
    expect(f.partialContent).toBe('kept');
    expect(log.lines.some((l) => l.includes('Malformed chunk'))).toBe(true);
    expect(log.lines.join('\n')).not.toContain(TEST_KEY.slice(9));
    // We stopped reading: the body was cancelled rather than left open.
    expect(body.cancelled).toBe(true);
  });

  it('fails with upstream_error on a chunk whose known fields have the wrong type', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    body.push(sseData({ choices: [{ delta: { content: 42 } }] }));
    body.close();
    const f = await failureOf(client(fetch).client.streamChat(REQUEST, { onEvent: () => {} }));
    expect(f.error.code).toBe('upstream_error');
  });

  it('maps an error chunk and keeps the partial text', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    body.push(contentChunk('Once upon'));
    body.push(
      sseData({
        error: {
          code: 502,
          message: 'Provider disconnected',
          metadata: { error_type: 'provider_unavailable' },
        },
        choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
      }),
    );
    const f = await failureOf(client(fetch).client.streamChat(REQUEST, { onEvent: () => {} }));
    expect(f.error).toMatchObject({ code: 'provider_unavailable', status: 502 });
    expect(f.partialContent).toBe('Once upon');
  });

  it('an error chunk after finish_reason "length" completes the cut-off reply, usage kept, error logged redacted', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    const { events, onEvent } = collectEvents();
    body.push(contentChunk('Cut off here'));
    body.push(finishChunk('length'));
    body.push(
      sseData({ id: 'gen-1', choices: [], usage: { prompt_tokens: 7, completion_tokens: 3, cost: 0.001 } }),
    );
    body.push(
      sseData({
        error: {
          code: 502,
          message: `Upstream choked on ${TEST_KEY}`,
          metadata: { error_type: 'provider_unavailable' },
        },
        choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
      }),
    );
    body.close();
    const { client: c, log } = client(fetch);
    const result = await c.streamChat(REQUEST, { onEvent });
    expect(result.finishReason).toBe('length');
    expect(result.content).toBe('Cut off here');
    expect(result.usage).toMatchObject({ promptTokens: 7, completionTokens: 3, cost: 0.001 });
    expect(events.at(-1)).toEqual({ type: 'done', result });
    expect(events.some((e) => e.type === 'error')).toBe(false);
    expect(log.lines.some((l) => l.includes('after the reply was cut off'))).toBe(true);
    expect(log.lines.join('\n')).not.toContain(TEST_KEY.slice(9));
  });

  it('an error chunk after finish_reason "stop" is still a failure (only length is known to be followed by one)', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    body.push(contentChunk('text'));
    body.push(finishChunk('stop'));
    body.push(
      sseData({
        error: {
          code: 502,
          message: 'Provider disconnected',
          metadata: { error_type: 'provider_unavailable' },
        },
        choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
      }),
    );
    body.close();
    const f = await failureOf(client(fetch).client.streamChat(REQUEST, { onEvent: () => {} }));
    expect(f.error.code).toBe('provider_unavailable');
    expect(f.partialContent).toBe('text');
  });

  it('maps a 200 JSON error body (non-SSE) to a typed error', async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response(JSON.stringify({ error: { code: 402, message: 'no credits' } }), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const f = await failureOf(client(fetch).client.streamChat(REQUEST, { onEvent: () => {} }));
    expect(f.error.code).toBe('out_of_credits');
  });

  it('does not follow redirects', async () => {
    const { fetch, calls } = fakeFetch(
      () => new Response(null, { status: 307, headers: { location: 'https://evil.example/steal' } }),
    );
    const f = await failureOf(client(fetch).client.streamChat(REQUEST, { onEvent: () => {} }));
    expect(f.error).toMatchObject({ code: 'upstream_error', status: 307 });
    expect(calls).toHaveLength(1);
  });

  it('turns a throwing consumer into a failure and stops the request', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    body.push(contentChunk('a'));
    const events: string[] = [];
    const f = await failureOf(
      client(fetch).client.streamChat(REQUEST, {
        onEvent: (e) => {
          events.push(e.type);
          if (e.type === 'delta') throw new Error('render bug');
        },
      }),
    );
    expect(f.error.code).toBe('internal');
    expect(f.partialContent).toBe('a');
    expect(events).toEqual(['delta', 'error']);
    expect(body.cancelled).toBe(true);
  });
});

describe('streamChat timers and cancellation', () => {
  it('keep-alive comments reset the idle timer; no timer survives the stream', async () => {
    vi.useFakeTimers();
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    const p = client(fetch, { timeouts: { firstByteMs: 1000, idleMs: 300 } }).client.streamChat(REQUEST, {
      onEvent: () => {},
    });
    body.push(contentChunk('a'));
    for (let i = 0; i < 5; i++) {
      await vi.advanceTimersByTimeAsync(200);
      body.push(': OPENROUTER PROCESSING\n\n');
    }
    await vi.advanceTimersByTimeAsync(200);
    body.push(finishChunk());
    body.close();
    await expect(p).resolves.toMatchObject({ content: 'a', finishReason: 'stop' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('idle silence → timeout with the stall message, partial kept, no timer left', async () => {
    vi.useFakeTimers();
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    const p = failureOf(
      client(fetch, { timeouts: { idleMs: 60_000 } }).client.streamChat(REQUEST, { onEvent: () => {} }),
    );
    body.push(contentChunk('so far'));
    await vi.advanceTimersByTimeAsync(60_000);
    const f = await p;
    expect(f.error.code).toBe('timeout');
    expect(f.error.message).toBe(
      'The reply stalled: nothing arrived for 60 s. The partial reply is kept; retry to continue.',
    );
    expect(f.partialContent).toBe('so far');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('no first byte → timeout with the first-byte message', async () => {
    vi.useFakeTimers();
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    const p = failureOf(client(fetch).client.streamChat(REQUEST, { onEvent: () => {} }));
    await vi.advanceTimersByTimeAsync(60_000);
    const f = await p;
    expect(f.error.message).toBe(
      "OpenRouter didn't start replying within 60 s. The model may be overloaded — try again or pick another model.",
    );
    expect(vi.getTimerCount()).toBe(0);
  });

  it('aborting during the retry sleep cancels without another request', async () => {
    const { fetch, calls } = fakeFetch(
      () => new Response(JSON.stringify({ error: { code: 503, message: 'busy' } }), { status: 503 }),
    );
    const controller = new AbortController();
    const sleeps: number[] = [];
    const { client: c } = client(fetch, {
      sleep: (ms) => {
        sleeps.push(ms);
        controller.abort();
        return Promise.reject(new Error('aborted'));
      },
    });
    const f = await failureOf(c.streamChat(REQUEST, { signal: controller.signal, onEvent: () => {} }));
    expect(f.error.code).toBe('cancelled');
    expect(calls).toHaveLength(1);
    expect(sleeps).toHaveLength(1);
  });

  it('does not retry a 503 whose availability says retrying will not help; does retry one that says it may', async () => {
    const availability503 = (retryable: boolean) => () =>
      new Response(
        JSON.stringify({
          error: {
            code: 503,
            message: 'No provider can serve this request',
            availability: { code: 'temporarily_unavailable', retryable },
          },
        }),
        { status: 503 },
      );
    const notRetryable = fakeFetch(availability503(false));
    const f = await failureOf(client(notRetryable.fetch).client.streamChat(REQUEST, { onEvent: () => {} }));
    expect(f.error).toMatchObject({ status: 503, retryable: false });
    expect(notRetryable.calls).toHaveLength(1);

    const retryable = fakeFetch(availability503(true));
    const g = await failureOf(
      client(retryable.fetch, { retry: { maxRetries: 2 } }).client.streamChat(REQUEST, { onEvent: () => {} }),
    );
    expect(g.error).toMatchObject({ status: 503, retryable: true });
    expect(retryable.calls).toHaveLength(3);
  });

  it('an already aborted signal makes no request', async () => {
    const { fetch, calls } = fakeFetch(() => ({ body: writableBody() }));
    const controller = new AbortController();
    controller.abort();
    const f = await failureOf(
      client(fetch).client.streamChat(REQUEST, { signal: controller.signal, onEvent: () => {} }),
    );
    expect(f.error.code).toBe('cancelled');
    expect(calls).toHaveLength(0);
  });

  it('a fetch rejection before the response is offline and is not retried', async () => {
    const { fetch, calls } = fakeFetch(() => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }),
      });
    });
    const f = await failureOf(client(fetch).client.streamChat(REQUEST, { onEvent: () => {} }));
    expect(f.error).toEqual({
      code: 'offline',
      message: "Can't reach OpenRouter. Check your internet connection and try again.",
      messageId: 'errors.openrouter.offline',
    });
    expect(calls).toHaveLength(1);
  });

  it('a body error after the response started is connection_lost', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    body.push(contentChunk('half'));
    let firstDelta: () => void = () => {};
    const gotDelta = new Promise<void>((resolve) => {
      firstDelta = resolve;
    });
    const p = failureOf(
      client(fetch).client.streamChat(REQUEST, { onEvent: (e) => e.type === 'delta' && firstDelta() }),
    );
    await gotDelta;
    body.fail(new TypeError('terminated'));
    const f = await p;
    expect(f.error.code).toBe('connection_lost');
    expect(f.partialContent).toBe('half');
  });
});

describe('streamChat reply extras (issue 14)', () => {
  function extrasChunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}) {
    return sseData({ id: 'gen-test', choices: [{ index: 0, delta, finish_reason: null }], ...extra });
  }

  it('keeps citations, images, provider and reasoning_details; hands reply data over once, before done', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    const { client: c } = client(fetch);
    body.push(
      extrasChunk(
        { content: 'Hi', reasoning_details: [{ type: 'reasoning.text', text: 'Th', index: 0 }] },
        { provider: 'Anthropic\u202e\n' },
      ),
    );
    body.push(
      extrasChunk({
        reasoning_details: [{ type: 'reasoning.text', text: 'ink', signature: 'sig', index: 0 }],
      }),
    );
    body.push(
      extrasChunk({
        annotations: [
          { type: 'url_citation', url_citation: { url: 'https://news.example/a', title: 'News' } },
        ],
        images: [imageEntry(pngDataUrl())],
      }),
    );
    body.push(finishChunk());
    body.push(sseData('[DONE]'));
    body.close();
    const order: string[] = [];
    const replyData: ReplyData[] = [];
    const result = await c.streamChat(REQUEST, {
      onEvent: (e) => order.push(e.type),
      onReplyData: (d) => {
        order.push('reply-data');
        replyData.push(d);
      },
    });
    expect(result.content).toBe('Hi');
    expect(result.reasoning).toBe('Think');
    expect(result.provider).toBe('Anthropic');
    expect(result.citations).toEqual([
      { url: 'https://news.example/a', title: 'News', host: 'news.example' },
    ]);
    expect(result.images).toEqual([{ id: '1.png', mimeType: 'image/png', byteLength: 70 }]);
    expect(order.slice(-2)).toEqual(['reply-data', 'done']);
    expect(replyData).toHaveLength(1);
    expect(replyData[0]?.images.map((i) => [i.id, i.bytes.byteLength])).toEqual([['1.png', 70]]);
    expect(replyData[0]?.reasoningDetails).toEqual([
      { type: 'reasoning.text', text: 'Think', signature: 'sig', index: 0 },
    ]);
  });

  it('drops a bad annotation, a non-https citation and a data URL that is not an image with log lines; the text is kept', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    const { client: c, log } = client(fetch);
    body.push(contentChunk('Kept '));
    body.push(extrasChunk({ annotations: 'not-a-list' }));
    body.push(
      extrasChunk({
        content: 'text',
        annotations: [
          { type: 'url_citation', url_citation: { url: 'http://insecure.example/', title: 'x' } },
          { type: 'url_citation', url_citation: { url: `https://big.example/${'p'.repeat(10_000)}` } },
          { type: 'url_citation', url_citation: null },
        ],
        images: [
          imageEntry(dataUrl('image/png', 'GIF? no, plain text')),
          imageEntry('https://cdn.example/i.png'),
        ],
      }),
    );
    body.push(finishChunk());
    body.push(sseData('[DONE]'));
    body.close();
    const replyData: ReplyData[] = [];
    const result = await c.streamChat(REQUEST, { onEvent: () => {}, onReplyData: (d) => replyData.push(d) });
    expect(result.content).toBe('Kept text');
    expect(result.finishReason).toBe('stop');
    expect(result.citations).toEqual([]);
    expect(result.images).toEqual([]);
    expect(replyData[0]?.images).toEqual([]);
    const text = log.lines.join('\n');
    for (const reason of [
      'not-a-list',
      'not-https',
      'too-long',
      'malformed',
      'not-an-image',
      'not-a-data-url',
    ]) {
      expect(text).toContain(`reason="${reason}"`);
    }
    expect(text).not.toContain('insecure.example');
    expect(text).not.toContain('cdn.example');
  });

  it('does not hand over reply data when the stream fails', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    const { client: c } = client(fetch);
    body.push(
      extrasChunk({ content: 'partial', reasoning_details: [{ type: 'reasoning.text', text: 'r' }] }),
    );
    body.close();
    const onReplyData = vi.fn();
    const failure = await failureOf(c.streamChat(REQUEST, { onEvent: () => {}, onReplyData }));
    expect(failure.partialContent).toBe('partial');
    expect(onReplyData).not.toHaveBeenCalled();
  });

  it('sends an assistant message reasoning_details back unmodified', async () => {
    const body = writableBody();
    const { fetch, calls } = fakeFetch(() => ({ body }));
    const { client: c } = client(fetch);
    body.push(finishChunk());
    body.close();
    const details = [
      { type: 'reasoning.text', text: 'Thought', signature: 'sig', format: 'anthropic-claude-v1', index: 0 },
      { type: 'reasoning.encrypted', data: 'b64==', id: 'rs_1', format: 'openai-responses-v1', index: 1 },
    ];
    await c.streamChat(
      {
        ...REQUEST,
        messages: [
          { role: 'user', content: 'Hi', reasoningDetails: [{ type: 'ignored' }] },
          { role: 'assistant', content: 'Hello', reasoningDetails: details },
          { role: 'assistant', content: 'Plain', reasoningDetails: [] },
          { role: 'user', content: 'More' },
        ],
      },
      { onEvent: () => {} },
    );
    expect(JSON.parse(String(calls[0]?.init.body)).messages).toEqual([
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello', reasoning_details: details },
      { role: 'assistant', content: 'Plain' },
      { role: 'user', content: 'More' },
    ]);
  });

  it('reads usage extras; odd extras read as absent instead of failing the reply', async () => {
    const body = writableBody();
    const { fetch } = fakeFetch(() => ({ body }));
    const { client: c } = client(fetch);
    body.push(contentChunk('ok'));
    body.push(finishChunk());
    body.push(
      sseData({
        choices: [],
        usage: {
          prompt_tokens: 10,
          completion_tokens: 5,
          prompt_tokens_details: { cached_tokens: 7, cache_write_tokens: 2 },
          completion_tokens_details: { reasoning_tokens: 1, image_tokens: 3 },
          server_tool_use_details: { web_search_requests: 2 },
          cost: 0.01,
          is_byok: true,
          cost_details: { upstream_inference_cost: 0.02 },
        },
      }),
    );
    body.push(sseData('[DONE]'));
    body.close();
    const result = await c.streamChat(REQUEST, { onEvent: () => {} });
    expect(result.usage).toEqual({
      promptTokens: 10,
      completionTokens: 5,
      reasoningTokens: 1,
      cost: 0.01,
      cachedPromptTokens: 7,
      cacheWriteTokens: 2,
      imageTokens: 3,
      webSearchRequests: 2,
      isByok: true,
      upstreamCost: 0.02,
    });

    const odd = writableBody();
    const { fetch: fetch2 } = fakeFetch(() => ({ body: odd }));
    odd.push(contentChunk('still here', { provider: 42 }));
    odd.push(finishChunk());
    odd.push(
      sseData({
        choices: [],
        usage: {
          prompt_tokens: 1,
          completion_tokens: 1,
          prompt_tokens_details: 'weird',
          is_byok: 'yes',
          cost_details: { upstream_inference_cost: null },
          server_tool_use_details: { web_search_requests: 'two' },
        },
      }),
    );
    odd.close();
    const oddResult = await client(fetch2).client.streamChat(REQUEST, { onEvent: () => {} });
    expect(oddResult.content).toBe('still here');
    expect(oddResult.provider).toBeNull();
    expect(oddResult.usage).toEqual({ promptTokens: 1, completionTokens: 1 });
  });

  it('reads a chat.completion body with citations, images and reasoning_details as the whole reply', async () => {
    const completion = {
      id: 'gen-json',
      object: 'chat.completion',
      model: 'm/x',
      provider: 'OpenAI',
      choices: [
        {
          index: 0,
          finish_reason: 'length',
          message: {
            role: 'assistant',
            content: 'Cut',
            reasoning: 'why',
            reasoning_details: [{ type: 'reasoning.encrypted', data: 'enc', index: 0 }],
            annotations: [{ type: 'url_citation', url_citation: { url: 'https://a.example/', title: 'A' } }],
            images: [imageEntry(pngDataUrl())],
          },
        },
      ],
      usage: { prompt_tokens: 2, completion_tokens: 3 },
    };
    const { fetch } = fakeFetch(
      () =>
        new Response(JSON.stringify(completion), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const replyData: ReplyData[] = [];
    const result = await client(fetch).client.streamChat(REQUEST, {
      onEvent: () => {},
      onReplyData: (d) => replyData.push(d),
    });
    expect(result).toMatchObject({
      content: 'Cut',
      reasoning: 'why',
      finishReason: 'length',
      provider: 'OpenAI',
      generationId: 'gen-json',
      citations: [{ url: 'https://a.example/', title: 'A', host: 'a.example' }],
      images: [{ id: '1.png', mimeType: 'image/png', byteLength: 70 }],
      usage: { promptTokens: 2, completionTokens: 3 },
    });
    expect(replyData[0]?.reasoningDetails).toEqual([{ type: 'reasoning.encrypted', data: 'enc', index: 0 }]);
  });
});

describe('a whole completion with an error in its choice', () => {
  it('is a failure that keeps the text the completion has', async () => {
    const completion = {
      id: 'gen-json-error',
      object: 'chat.completion',
      choices: [
        {
          index: 0,
          finish_reason: 'error',
          message: { role: 'assistant', content: 'Half a rep' },
          error: { code: 502, message: 'Provider disconnected unexpectedly' },
        },
      ],
    };
    const { fetch } = fakeFetch(
      () =>
        new Response(JSON.stringify(completion), {
          status: 200,
          headers: { 'content-type': 'application/json' },
        }),
    );
    const onReplyData = vi.fn();
    const failure = await failureOf(
      client(fetch).client.streamChat(REQUEST, { onEvent: () => {}, onReplyData }),
    );
    expect(failure.error.status).toBe(502);
    expect(failure.partialContent).toBe('Half a rep');
    expect(failure.generationId).toBe('gen-json-error');
    expect(onReplyData).not.toHaveBeenCalled();
  });
});
