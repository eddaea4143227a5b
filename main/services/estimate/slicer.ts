/**
 * Gives the event loop back every `budgetMs` of work: the first count of a long conversation can take
 * hundreds of milliseconds, and main must keep streaming replies and answering the window meanwhile.
 */
export interface Slicer {
  /** Resolves at once while the slice has time left; otherwise after a turn of the event loop. */
  pause(): Promise<void> | null;
}

export function createSlicer(budgetMs = 8, now: () => number = () => performance.now()): Slicer {
  let sliceStart = now();
  return {
    pause() {
      if (now() - sliceStart < budgetMs) return null;
      return new Promise<void>((resolve) =>
        setImmediate(() => {
          sliceStart = now();
          resolve();
        }),
      );
    },
  };
}
