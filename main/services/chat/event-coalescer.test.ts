import { describe, expect, it } from 'vitest';
import type { ChatStreamEvent } from '../../../common/chat-types';
import type { Scheduler } from '../shared/scheduler';
import { createEventCoalescer } from './event-coalescer';

function manualScheduler() {
  const pending: Array<() => void> = [];
  let time = 1000;
  const scheduler: Scheduler = {
    now: () => time,
    schedule(fn) {
      pending.push(fn);
      return () => {
        const i = pending.indexOf(fn);
        if (i >= 0) pending.splice(i, 1);
      };
    },
  };
  return {
    scheduler,
    advance: (ms: number) => {
      time += ms;
    },
    tick: () => {
      for (const fn of pending.splice(0)) fn();
    },
    pending,
  };
}

const delta = (content: string, reasoning = ''): ChatStreamEvent => ({ type: 'delta', content, reasoning });

describe('event coalescer', () => {
  it('sends the first token at once, then merges deltas that arrive within one frame', () => {
    const batches: ChatStreamEvent[][] = [];
    const { scheduler, tick, pending, advance } = manualScheduler();
    const c = createEventCoalescer((e) => batches.push(e), scheduler);
    c.push(delta('Hi'));
    expect(batches).toEqual([[delta('Hi')]]);
    advance(2);
    c.push(delta('Hel', 'a'));
    c.push(delta('lo', 'b'));
    c.push(delta(' world'));
    expect(batches).toHaveLength(1);
    expect(pending).toHaveLength(1);
    tick();
    expect(batches).toEqual([[delta('Hi')], [delta('Hello world', 'ab')]]);
  });

  it('drops empty deltas so they do not use up the leading-edge send', () => {
    const batches: ChatStreamEvent[][] = [];
    const { scheduler } = manualScheduler();
    const c = createEventCoalescer((e) => batches.push(e), scheduler);
    c.push(delta(''));
    c.push(delta('Hi'));
    expect(batches).toEqual([[delta('Hi')]]);
  });

  it('sends again at once after a quiet frame', () => {
    const batches: ChatStreamEvent[][] = [];
    const { scheduler, advance } = manualScheduler();
    const c = createEventCoalescer((e) => batches.push(e), scheduler);
    c.push(delta('a'));
    advance(50);
    c.push(delta('b'));
    expect(batches).toEqual([[delta('a')], [delta('b')]]);
  });

  it('flushes immediately, in order, when the stream ends', () => {
    const batches: ChatStreamEvent[][] = [];
    const { scheduler, pending } = manualScheduler();
    const c = createEventCoalescer((e) => batches.push(e), scheduler);
    c.push(delta('first'));
    batches.length = 0;
    c.push(delta('partial'));
    c.push({ type: 'usage', usage: { promptTokens: 1, completionTokens: 2 } });
    const error: ChatStreamEvent = {
      type: 'error',
      error: { code: 'cancelled', message: 'Stopped.' },
      partialContent: 'partial',
      partialReasoning: '',
    };
    c.push(error);
    expect(batches).toEqual([
      [delta('partial'), { type: 'usage', usage: { promptTokens: 1, completionTokens: 2 } }, error],
    ]);
    expect(pending).toHaveLength(0);
  });

  it('sends nothing for an empty frame', () => {
    const batches: ChatStreamEvent[][] = [];
    const c = createEventCoalescer((e) => batches.push(e), manualScheduler().scheduler);
    c.flush();
    expect(batches).toEqual([]);
  });
});
