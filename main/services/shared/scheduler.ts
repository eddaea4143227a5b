/**
 * Timers behind an interface, so tests can drive time by hand. One concept for every service that
 * waits: the chat service's per-frame event coalescing, the history's checkpoint throttling and
 * debounced index writes. The glue can pass one scheduler to all of them.
 */
export interface Scheduler {
  /** Runs `fn` after `ms`; the returned function cancels it. */
  schedule(fn: () => void, ms: number): () => void;
  /** Milliseconds on a monotonic clock (for measuring intervals; not a date). */
  now(): number;
}

export const timerScheduler: Scheduler = {
  schedule(fn, ms) {
    const timer = setTimeout(fn, ms);
    // A pending timer must not keep a test process or a quitting app alive: the history flushes its
    // pending writes in close(), and a stream's coalesced events are flushed when the stream ends.
    timer.unref?.();
    return () => clearTimeout(timer);
  },
  now: () => performance.now(),
};

/** Lets other work (IPC, rendering requests) run between chunks of a long background job. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
