/**
 * Async tasks run one at a time, in call order — per key, or for one single line.
 *
 * The one rule, shared by the services that need it:
 * - Each task starts only after the previous task of its key has settled, whatever its outcome.
 * - A failed task does not block the ones after it; its caller still sees the rejection.
 * - Tasks of different keys run in parallel.
 *
 * Users:
 * - history, one key per conversation id: a conversation is one file, rewritten whole. If a checkpoint
 *   write and an append ran at the same time, the later rename could put back a file without the
 *   other's change.
 * - the key vault, one line (`createSerialQueue`): storing a key awaits the network (verification) and
 *   the keystore, so without a queue a `remove()` issued meanwhile could run first and the late
 *   `store()` would then resurrect the key the person just removed.
 */
export interface KeyedQueue {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /**
   * Resolves once every task queued so far (for any key) has settled. Tasks queued meanwhile (say, by
   * the history's background index build) are not waited for, so a flush never waits for a whole build.
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

/** One line of tasks: a keyed queue with a single key. */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

const ONLY_KEY = '';

export function createSerialQueue(): SerialQueue {
  const queue = createKeyedQueue();
  return { run: (task) => queue.run(ONLY_KEY, task) };
}
