/**
 * Runs async tasks one at a time, in call order.
 *
 * Why: storing a key awaits the network (verification) and the keystore, so without a queue a
 * `remove()` issued meanwhile could run first and the late `store()` would then resurrect the key the
 * person just removed. Each task starts only after the previous one settled, whatever its outcome.
 */
export interface SerialQueue {
  run<T>(task: () => Promise<T>): Promise<T>;
}

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const result = tail.then(task);
      // A failed task must not block the ones after it; its caller still sees the rejection.
      tail = result.catch(() => undefined);
      return result;
    },
  };
}
