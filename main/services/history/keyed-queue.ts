/**
 * One serial queue per key (conversation id).
 *
 * Why: a conversation is one file, rewritten whole. If a checkpoint write and an append ran at the same
 * time, the later rename could put back a file without the other's change. Tasks for the same key run
 * one after another in call order; different conversations still proceed in parallel.
 */
export interface KeyedQueue {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /**
   * Resolves once every task queued so far (for any key) has settled. Tasks queued meanwhile (say, by
   * the background index build) are not waited for, so a flush never waits for a whole build.
   */
  drain(): Promise<void>;
}

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(key, task) {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task);
      // A failed task must not block the ones after it; its caller still sees the rejection.
      const tail = result.catch(() => undefined);
      tails.set(key, tail);
      // Forget idle keys so 10,000 conversations do not leave 10,000 settled promises behind.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    async drain() {
      await Promise.all([...tails.values()]);
    },
  };
}
