import { describe, expect, it } from 'vitest';
import { createSerialQueue } from './serial-queue';

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
