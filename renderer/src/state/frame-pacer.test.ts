import { describe, expect, it } from 'vitest';
import { createFramePacer } from './frame-pacer';

describe('frame pacer', () => {
  it('publishes at most perFrame keys a frame, oldest change first, each once with its newest state', () => {
    const published: string[] = [];
    const pacer = createFramePacer({ perFrame: 2, publish: (key) => published.push(key) });
    for (const key of ['a', 'b', 'c', 'd']) pacer.mark(key);
    pacer.mark('a');
    pacer.runFrame();
    expect(published).toEqual(['a', 'b']);
    // a and b change again: c and d have waited longer.
    pacer.mark('a');
    pacer.mark('b');
    pacer.runFrame();
    expect(published).toEqual(['a', 'b', 'c', 'd']);
    pacer.runFrame();
    expect(published).toEqual(['a', 'b', 'c', 'd', 'a', 'b']);
    pacer.runFrame();
    expect(published).toHaveLength(6);
  });

  it('with a budget, starts a further key only while the frame has time left, and always publishes one', () => {
    let clock = 0;
    const cost: Record<string, number> = { a: 6, b: 1, c: 1, d: 1 };
    const published: string[] = [];
    const pacer = createFramePacer({
      perFrame: 2,
      budgetMs: 4,
      now: () => clock,
      publish: (key) => {
        published.push(key);
        clock += cost[key] ?? 0;
      },
    });
    for (const key of ['a', 'b', 'c', 'd']) pacer.mark(key);
    pacer.runFrame();
    // a took 6 ms: b waits for the next frame.
    expect(published).toEqual(['a']);
    pacer.runFrame();
    expect(published).toEqual(['a', 'b', 'c']);
    pacer.runFrame();
    expect(published).toEqual(['a', 'b', 'c', 'd']);
  });

  it('asks for a frame while keys wait, and flushAll publishes everything at once', () => {
    const frames: (() => void)[] = [];
    const published: string[] = [];
    const pacer = createFramePacer({
      perFrame: 1,
      publish: (key) => published.push(key),
      requestFrame: (callback) => frames.push(callback),
    });
    pacer.mark('a');
    pacer.mark('b');
    expect(frames).toHaveLength(1);
    frames.shift()?.();
    expect(published).toEqual(['a']);
    // b still waits: another frame was asked for.
    expect(frames).toHaveLength(1);
    pacer.mark('c');
    pacer.drop('c');
    pacer.mark('d');
    pacer.flushAll();
    expect(published).toEqual(['a', 'b', 'd']);
  });
});
