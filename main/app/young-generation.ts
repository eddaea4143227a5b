import { setFlagsFromString } from 'node:v8';

/**
 * Main's young generation, kept small (issue 19, "History at scale": main's RSS ≤ 120 MB).
 *
 * Why: V8 doubles the young generation (two semi-spaces) each time a scavenge finds much of it alive,
 * up to 16 MB per semi-space, and hands the pages back only when its memory reducer runs — which an
 * idle main process may never trigger. Loading the saved search index (a few hundred thousand terms)
 * grew it to 32 MB and left it there: 30 MB of main's 147 MB after 45 s idle in
 * `npm run bench:history` were empty young-generation pages. Main mostly waits on disk, network and
 * IPC, so small scavenges cost it nothing a person notices; the one bulk job that does allocate hard,
 * a full rebuild of the search index (first start with a large history, or a damaged index file),
 * runs inside `bulkWork`, which allows the normal growth again for its duration (a rebuild with the
 * small young generation took ~50% more CPU).
 *
 * After bulk work V8 hands the grown young generation back by itself, usually: the rebuild's own
 * mark-compacts arm V8's memory reducer (v8/src/heap/memory-reducer.cc: a mark-compact starts its
 * timer, kLongDelayMs = 8 s; at a low allocation rate it runs memory-reducing GCs in incremental
 * steps), and a memory-reducing GC shrinks the new space (v8/src/heap/heap.cc in current V8,
 * `Heap::ShouldResizeNewSpace`: kShrink when `ShouldReduceMemory()`). In the bench's process after
 * a full rebuild (`--trace-gc`, with and without the bench's explicit GCs): "Mark-Compact (reduce)"
 * 25–35 s after the build, young generation 32 → 1–2 MB within the 45 s settle in 10 of 11 runs;
 * once, at load average ~5, only to 15 MB. bulkWork does not force one because nothing affordable
 * does it from JavaScript on Node 20's V8 11.3 (measured in a child): a full `gc()`, a minor one,
 * or an async major one left it at 32 MB, also after idling; `v8.queryObjects` does
 * (CollectAllAvailableGarbage) but paused 1.4–2 s and added 170 MB. What a rebuild leaves resident
 * beyond a loaded start is mostly the C allocator's, not V8's (README, "Where main's memory went").
 *
 * How: `--semi-space-growth-factor` is read by V8 each time it grows the new space
 * (`SemiSpaceNewSpace::Grow()` in v8/src/heap/new-spaces.cc: `new_capacity = min(MaximumCapacity(),
 * v8_flags.semi_space_growth_factor * TotalCapacity())`), so setting it at run time takes effect;
 * 1 means "never grow". Node's `v8.setFlagsFromString` is the documented way to set a V8 flag after
 * start; it is safe because both Node and Electron's main process turn off V8's flag freezing
 * (Electron: shell/browser/javascript_environment.cc, `JavascriptEnvironment::Initialize` prepends
 * `--no-freeze-flags-after-init` to the flags it gives V8; with freezing on, a late write would fault).
 * `--max-semi-space-size` would be the direct knob, but V8 reads it only when the heap is configured,
 * and in Electron's main process V8 flags can only come from the command line (`--js-flags`,
 * docs/api/command-line-switches.md), which a packaged app does not control.
 * young-generation.test.ts checks the effect on this Node's V8 in a child process; the Electron suite
 * (e2e/electron/main-memory.spec.ts) checks it in Electron's main process.
 */
export interface YoungGeneration {
  /** Runs `work` with the young generation's normal growth allowed (nested calls are counted). */
  bulkWork<T>(work: () => Promise<T>): Promise<T>;
}

export const SMALL_YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=1';
/** V8's default growth factor (flag-definitions.h: semi_space_growth_factor = 2). */
export const NORMAL_YOUNG_GENERATION_FLAG = '--semi-space-growth-factor=2';

export function keepYoungGenerationSmall(
  setFlags: (flags: string) => void = setFlagsFromString,
): YoungGeneration {
  setFlags(SMALL_YOUNG_GENERATION_FLAG);
  let bulk = 0;
  return {
    async bulkWork(work) {
      if (bulk++ === 0) setFlags(NORMAL_YOUNG_GENERATION_FLAG);
      try {
        return await work();
      } finally {
        if (--bulk === 0) setFlags(SMALL_YOUNG_GENERATION_FLAG);
      }
    },
  };
}
