/**
 * Spreads re-renders of several live views over animation frames: each frame publishes at most
 * `perFrame` of the views marked changed, oldest change first, so the frame's work stays bounded however
 * many views stream at once (Compare: four columns at two per frame each repaint at 30 Hz). With a
 * `budgetMs`, a frame publishes a further view only while the ones before it took less than that (a
 * costly repaint, say a large table settling, leaves the next view for the next frame); at least one is
 * always published. A view marked again before its turn is published once, with its newest state. Used by the Compare store and, with
 * `runFrame` called by hand, by the render benchmark (bench/render), so both measure the same pacing.
 */
export interface FramePacer {
  /** `key` changed; it is published on a coming frame. */
  mark(key: string): void;
  /** Publishes up to `perFrame` changed keys now (what each scheduled frame does). */
  runFrame(): void;
  /** Publishes every changed key now (a stream ended, the view is closing). */
  flushAll(): void;
  /** Forgets `key` without publishing it. */
  drop(key: string): void;
}

export interface FramePacerOptions {
  perFrame: number;
  publish: (key: string) => void;
  /** Time for one frame's publishing, after which no further view starts in it; absent: no limit. */
  budgetMs?: number;
  /** The clock for the budget (performance.now by default). */
  now?: () => number;
  /** How a frame is asked for; absent: never (the caller runs frames itself). */
  requestFrame?: (callback: () => void) => void;
}

export function createFramePacer({
  perFrame,
  publish,
  requestFrame,
  budgetMs = Number.POSITIVE_INFINITY,
  now = () => performance.now(),
}: FramePacerOptions): FramePacer {
  // A Set keeps insertion order: the first keys are the ones that have waited longest.
  const dirty = new Set<string>();
  let scheduled = false;

  const schedule = () => {
    if (scheduled || requestFrame === undefined || dirty.size === 0) return;
    scheduled = true;
    requestFrame(() => {
      scheduled = false;
      pacer.runFrame();
    });
  };

  const pacer: FramePacer = {
    mark(key) {
      dirty.add(key);
      schedule();
    },
    runFrame() {
      const started = now();
      let published = 0;
      for (const key of [...dirty]) {
        if (published >= perFrame || (published > 0 && now() - started >= budgetMs)) break;
        dirty.delete(key);
        publish(key);
        published += 1;
      }
      schedule();
    },
    flushAll() {
      const keys = [...dirty];
      dirty.clear();
      for (const key of keys) publish(key);
    },
    drop(key) {
      dirty.delete(key);
    },
  };
  return pacer;
}
