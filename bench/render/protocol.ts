// Shared between the page (main.tsx) and the driver (run.ts).

/**
 * 'memoized' and 'streamdown': the baselines of issue 19 (see baselines.ts).
 * 'compare': four incremental MarkdownViews side by side, as in the Compare view's columns (issue 18),
 * each fed the stream at the full rate; one sample is one frame's updates of all four.
 */
export type RendererKind = 'incremental' | 'naive' | 'memoized' | 'streamdown' | 'plain' | 'compare';

/** How many replies stream at once in the 'compare' case (the Compare view's most columns). */
export const COMPARE_COLUMNS = 4;

/**
 * One streamed update: tokens [first, first + count) appended and rendered in one frame (in the
 * 'compare' case, to each of the four columns: `work` is then the frame's total for all of them).
 */
export interface UpdateSample {
  readonly first: number;
  readonly count: number;
  /** Render + commit + forced style/layout, in ms: the frame's work caused by the update. */
  readonly work: number;
}

export interface BenchResults {
  readonly renderer: RendererKind;
  readonly samples: readonly UpdateSample[];
  readonly longTasks: readonly number[];
  readonly tokensRendered: number;
  /** False when the time cap stopped the stream early. */
  readonly finished: boolean;
  readonly wallMs: number;
  /** Content-Security-Policy violations seen by the page (the app's CSP is mirrored in index.html). */
  readonly cspViolations: readonly string[];
}

/**
 * Keys typed into the page's textarea while it streams (run.ts sends one every ~100 ms through CDP
 * Input.dispatchKeyEvent, as the OS would): how long each waited before its handler ran
 * (performance.now() at the keydown handler − event.timeStamp, i.e. the Event Timing API's
 * processingStart − startTime) and until the next frame could show it (the next animation frame).
 */
export interface InputDelays {
  readonly handler: readonly number[];
  readonly nextFrame: readonly number[];
  /** Event Timing entries of keydown/keypress/input (the API reports those of 16 ms or more): their duration. */
  readonly slowEvents: readonly number[];
}

export interface BenchApi {
  /**
   * Streams each token list into its own message (one, or one per Compare column), all at `tps`; the
   * lists have the same length, and a sample's `first`/`count` apply to each.
   */
  start(streams: string[][], tps: number, maxWallMs?: number): Promise<void>;
  results(): BenchResults | null;
  /** Since the last reset: see InputDelays (empty unless the page was opened with `?input=1`). */
  inputDelays(): InputDelays;
  /** Unmounts and remounts the renderer (fresh state, e.g. after a warm-up run). */
  reset(): void;
}
