import { describe, expect, it } from 'vitest';
import type { ChatResult, ChatStreamEvent } from '../../../common/chat-types';
import { createMemoryLogger } from '../log/testing/memory-logger';
import type { Scheduler } from '../shared/scheduler';
import { type ChatStreamer, createChatSessions } from './chat-sessions';
import { scriptedStreamer } from './testing/scripted-streamer';

const immediate: Scheduler = {
  now: () => 0,
  schedule(fn) {
    queueMicrotask(fn);
    return () => {};
  },
};

const RESULT: ChatResult = {
  content: 'hi',
  reasoning: '',
  finishReason: 'stop',
  usage: null,
  generationId: 'gen-1',
  model: 'm',
  provider: null,
  citations: [],
  images: [],
};

/** A streamer that emits one delta, then waits for abort or `finish`. */
function controllableStreamer() {
  let finish: () => void = () => {};
  let sawAbort = false;
  const streamer: ChatStreamer = {
    streamChat: (_req, { signal, onEvent }) =>
      new Promise<ChatResult>((resolve, reject) => {
        onEvent({ type: 'delta', content: 'hi', reasoning: '' });
        finish = () => {
          onEvent({ type: 'done', result: RESULT });
          resolve(RESULT);
        };
        signal?.addEventListener('abort', () => {
          sawAbort = true;
          onEvent({
            type: 'error',
            error: { code: 'cancelled', message: 'Stopped.' },
            partialContent: 'hi',
            partialReasoning: '',
          });
          reject(new Error('aborted'));
        });
      }),
  };
  return { streamer, finish: () => finish(), sawAbort: () => sawAbort };
}

const request = { model: 'm', messages: [{ role: 'user' as const, content: 'hello' }] };

describe('chat sessions', () => {
  it('delivers events to the window and forgets the stream when it ends', async () => {
    const s = controllableStreamer();
    const sessions = createChatSessions({
      client: s.streamer,
      log: createMemoryLogger(),
      scheduler: immediate,
    });
    const got: ChatStreamEvent[] = [];
    sessions.start('a', 1, request, (e) => got.push(...e));
    expect(sessions.activeCount).toBe(1);
    s.finish();
    await sessions.settle();
    expect(got.map((e) => e.type)).toEqual(['delta', 'done']);
    expect(sessions.activeCount).toBe(0);
  });

  it('cancels only for the window that started the stream', async () => {
    const s = controllableStreamer();
    const sessions = createChatSessions({
      client: s.streamer,
      log: createMemoryLogger(),
      scheduler: immediate,
    });
    const got: ChatStreamEvent[] = [];
    sessions.start('a', 1, request, (e) => got.push(...e));
    expect(sessions.cancel('a', 2)).toBe(false);
    expect(s.sawAbort()).toBe(false);
    expect(sessions.cancel('a', 1)).toBe(true);
    await sessions.settle();
    expect(s.sawAbort()).toBe(true);
    expect(got.at(-1)).toMatchObject({ type: 'error', partialContent: 'hi' });
    expect(sessions.cancel('a', 1)).toBe(false);
  });

  it('refuses a duplicate stream id', () => {
    const s = controllableStreamer();
    const sessions = createChatSessions({
      client: s.streamer,
      log: createMemoryLogger(),
      scheduler: immediate,
    });
    sessions.start('a', 1, request, () => {});
    expect(() => sessions.start('a', 1, request, () => {})).toThrow(/already/);
    sessions.cancelWindow(1);
  });

  it('aborts every stream of a closed window', async () => {
    const s = controllableStreamer();
    const sessions = createChatSessions({
      client: s.streamer,
      log: createMemoryLogger(),
      scheduler: immediate,
    });
    sessions.start('a', 7, request, () => {});
    sessions.cancelWindow(7);
    await sessions.settle();
    expect(s.sawAbort()).toBe(true);
    expect(sessions.activeCount).toBe(0);
  });

  it("passes the client's reply data through, and a failure's generation id", async () => {
    const replyData = { images: [], reasoningDetails: [{ type: 'reasoning.text', text: 'hm' }] };
    const { streamer } = scriptedStreamer([
      { kind: 'done', result: RESULT, replyData },
      { kind: 'fail', text: 'Half', code: 'cancelled', generationId: 'gen-9' },
    ]);
    const sessions = createChatSessions({
      client: streamer,
      log: createMemoryLogger(),
      scheduler: immediate,
    });
    const seen: unknown[] = [];
    const failed: unknown[] = [];
    sessions.start('a', 1, request, () => {}, { onReplyData: (d) => seen.push(d) });
    sessions.start('b', 1, request, () => {}, { onFailed: (f) => failed.push(f) });
    await sessions.settle();
    expect(seen).toEqual([replyData]);
    expect(failed).toEqual([{ generationId: 'gen-9' }]);
  });
});
