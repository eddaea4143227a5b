// Waiting that stops as soon as the exchange is over: a stalled or dripping response must not keep timers
// alive after the client went away or the emulator closed.

/** Resolves after `ms`, or early (without error) when `signal` aborts. Callers check `signal.aborted`. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    signal.addEventListener('abort', done, { once: true });
  });
}

/** Resolves when `signal` aborts: a stall that lasts until the client or the emulator ends it. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}

/**
 * Paces items at a fixed rate. Each item's due time is computed from the start time, so timer lateness
 * does not accumulate the way repeated fixed sleeps would.
 */
export function createPacer(perSecond: number): (index: number, signal: AbortSignal) => Promise<void> {
  const start = performance.now();
  const interval = 1000 / perSecond;
  return (index, signal) => {
    const due = start + index * interval;
    const wait = due - performance.now();
    return wait > 0 ? sleep(wait, signal) : Promise.resolve();
  };
}
