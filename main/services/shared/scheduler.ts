/**
 * Timers the store needs (checkpoint throttling, debounced index writes), behind an interface so tests
 * can drive time by hand. Same shape as the chat service's scheduler, so the glue can share one.
 */
export interface Scheduler {
  /** Runs `fn` after `ms`; the returned function cancels it. */
  schedule(fn: () => void, ms: number): () => void;
}

export const timerScheduler: Scheduler = {
  schedule(fn, ms) {
    const timer = setTimeout(fn, ms);
    // A pending index write must not keep a test process or a quitting app alive; close() flushes it.
    timer.unref?.();
    return () => clearTimeout(timer);
  },
};

/** Lets other work (IPC, rendering requests) run between chunks of a long background job. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
