// Shared between the page (main.tsx) and the driver (run.ts).

export type RendererKind = 'incremental' | 'naive';

/** One streamed update: tokens [first, first + count) appended and rendered in one frame. */
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

export interface BenchApi {
  start(tokens: string[], tps: number, maxWallMs?: number): Promise<void>;
  results(): BenchResults | null;
  /** Unmounts and remounts the renderer (fresh state, e.g. after a warm-up run). */
  reset(): void;
}
