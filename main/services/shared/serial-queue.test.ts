import { describe, expect, it } from 'vitest';
import { createKeyedQueue, createSerialQueue } from './serial-queue';

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 5));

describe('createSerialQueue', () => {
  it('runs tasks one at a time in call order', async () => {
    const queue = createSerialQueue();
    const events: string[] = [];
    const task = (name: string, delay: number) => async () => {
      events.push(`${name} start`);
      await new Promise((resolve) => setTimeout(resolve, delay));
      events.push(`${name} end`);
      return name;
    };
    const results = await Promise.all([
      queue.run(task('a', 20)),
      queue.run(task('b', 1)),
      queue.run(task('c', 5)),
    ]);
    expect(results).toEqual(['a', 'b', 'c']);
    expect(events).toEqual(['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
  });

  it('keeps going after a failed task and reports the failure to its caller only', async () => {
    const queue = createSerialQueue();
    const failing = queue.run(async () => {
      await tick();
      throw new Error('boom');
    });
    const next = queue.run(async () => 'after');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
  });
});

describe('createKeyedQueue', () => {
  it('runs tasks of one key in call order, and tasks of different keys side by side', async () => {
    const queue = createKeyedQueue();
    const events: string[] = [];
    let releaseA!: () => void;
    const aBlocked = new Promise<void>((resolve) => {
      releaseA = resolve;
    });
    const a1 = queue.run('a', async () => {
      events.push('a1 start');
      await aBlocked;
      events.push('a1 end');
    });
    const a2 = queue.run('a', async () => {
      events.push('a2');
    });
    // Key b is not held up by a1, which is still waiting.
    await queue.run('b', async () => {
      events.push('b');
    });
    expect(events).toEqual(['a1 start', 'b']);
    releaseA();
    await Promise.all([a1, a2]);
    expect(events).toEqual(['a1 start', 'b', 'a1 end', 'a2']);
  });

  it('keeps going after a failed task of a key and reports the failure to its caller only', async () => {
    const queue = createKeyedQueue();
    const failing = queue.run('k', async () => {
      await tick();
      throw new Error('boom');
    });
    const next = queue.run('k', async () => 'after');
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBe('after');
  });

  it('drain waits for the tasks queued before it, not for tasks queued meanwhile', async () => {
    const queue = createKeyedQueue();
    const done: string[] = [];
    void queue.run('x', async () => {
      await tick();
      done.push('first');
    });
    let releaseLate!: () => void;
    const drained = queue.drain().then(() => {
      done.push('drained');
    });
    // Queued after drain() was called, on another key: drain does not wait for it.
    const late = queue.run('y', async () => {
      await new Promise<void>((resolve) => {
        releaseLate = resolve;
      });
      done.push('late');
    });
    await drained;
    expect(done).toEqual(['first', 'drained']);
    releaseLate();
    await late;
  });
});
