import { describe, expect, it } from 'vitest';
import type { ChatStreamEvent } from '../../../common/chat-types';
import { createEventCoalescer, type Scheduler } from './event-coalescer';

function manualScheduler() {
  const pending: Array<() => void> = [];
  const scheduler: Scheduler = {
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
    tick: () => {
      for (const fn of pending.splice(0)) fn();
    },
    pending,
  };
}

const delta = (content: string, reasoning = ''): ChatStreamEvent => ({ type: 'delta', content, reasoning });

describe('event coalescer', () => {
  it('merges deltas that arrive within one frame into one batch', () => {
    const batches: ChatStreamEvent[][] = [];
    const { scheduler, tick, pending } = manualScheduler();
    const c = createEventCoalescer((e) => batches.push(e), scheduler);
    c.push(delta('Hel', 'a'));
    c.push(delta('lo', 'b'));
    c.push(delta(' world'));
    expect(batches).toEqual([]);
    expect(pending).toHaveLength(1);
    tick();
    expect(batches).toEqual([[delta('Hello world', 'ab')]]);
  });

  it('flushes immediately, in order, when the stream ends', () => {
    const batches: ChatStreamEvent[][] = [];
    const { scheduler, pending } = manualScheduler();
    const c = createEventCoalescer((e) => batches.push(e), scheduler);
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
