/**
 * Test doubles shared by the unit tests: a fetch that records calls and a response body the test
 * writes to chunk by chunk. Not imported by production code.
 */
import type { ChatStreamEvent } from '../../../../common/chat-types';

export interface WritableBody {
  stream: ReadableStream<Uint8Array>;
  push(chunk: string | Uint8Array): void;
  close(): void;
  fail(error: unknown): void;
  readonly cancelled: boolean;
}

export function writableBody(): WritableBody {
  const encoder = new TextEncoder();
  let controller: ReadableStreamDefaultController<Uint8Array> | undefined;
  let cancelled = false;
  let closed = false;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    cancel() {
      cancelled = true;
    },
  });
  return {
    stream,
    push(chunk) {
      if (!closed) controller?.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
    },
    close() {
      if (!closed) controller?.close();
      closed = true;
    },
    fail(error) {
      if (!closed) controller?.error(error);
      closed = true;
    },
    get cancelled() {
      return cancelled;
    },
  };
}

export interface RecordedCall {
  url: string;
  init: RequestInit;
  headers: Record<string, string>;
}

/**
 * A fetch double. Like undici, it rejects when the signal aborts before the response and errors the
 * body when the signal aborts while it is being read.
 */
export function fakeFetch(
  respond: (
    call: RecordedCall,
    index: number,
  ) => Response | Promise<Response> | { body: WritableBody; init?: ResponseInit },
) {
  const calls: RecordedCall[] = [];
  const fetchImpl = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((value, name) => {
      headers[name] = value;
    });
    const call: RecordedCall = { url: String(input), init, headers };
    calls.push(call);
    const signal = init.signal ?? undefined;
    if (signal?.aborted) throw signal.reason;
    const answer = await respond(call, calls.length - 1);
    if (answer instanceof Response) return answer;
    signal?.addEventListener('abort', () => answer.body.fail(signal.reason), { once: true });
    return new Response(answer.body.stream, {
      status: 200,
      headers: { 'content-type': 'text/event-stream' },
      ...answer.init,
    });
  };
  return { fetch: fetchImpl as typeof fetch, calls };
}

export function sseData(value: unknown): string {
  return `data: ${typeof value === 'string' ? value : JSON.stringify(value)}\n\n`;
}

export function contentChunk(content: string, extra: Record<string, unknown> = {}) {
  return sseData({
    id: 'gen-test',
    model: 'test/model',
    choices: [{ index: 0, delta: { content }, finish_reason: null }],
    ...extra,
  });
}

export function finishChunk(reason = 'stop') {
  return sseData({
    id: 'gen-test',
    model: 'test/model',
    choices: [{ index: 0, delta: {}, finish_reason: reason }],
  });
}

export function collectEvents() {
  const events: ChatStreamEvent[] = [];
  return { events, onEvent: (e: ChatStreamEvent) => events.push(e) };
}

export const TEST_KEY = `sk-or-v1-${'a1b2c3d4e5f60718'.repeat(4)}`;
