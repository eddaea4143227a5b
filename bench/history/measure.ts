/**
 * One measured start of the history store, run in a fresh Node process by run.ts so that timings start
 * cold and memory figures are this process's alone. Prints one line: `RESULT <json>`.
 *
 * Usage: node measure.mjs <mode> <dir> <queries.json> <baselineQueries> [<results.json>]
 * Modes: `rebuild`, `list`, `crash` (list only); `start` (search index built, or loaded when
 * search-index.bin is there: time to ready, queries, memory, the read-every-file baseline); `old` (the
 * index as it was before issue 19, bench/history/baseline-search, built over the same files: today's
 * memory and latency); `touch` (appends a message to the first <baselineQueries> conversations with
 * the search index off, so the saved index is that many files behind). `start` and `old` write every
 * query's hits (ids, order, snippets) to <results.json> for run.ts to compare.
 */
// First (as main/index.ts does): main's young generation, before the other modules load.
import './young-generation-first';
import { readFileSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { getHeapSpaceStatistics } from 'node:v8';
import { createHistoryStore } from '../../main/services/history';
import { createLogger } from '../../main/services/log/logger';
import { naiveSearch } from './baseline';
import { buildOldIndex, oldSearch } from './baseline-search/old-search';
import { youngGeneration } from './young-generation-first';

export interface MeasureResult {
  mode: string;
  /** What ran this process: Node, or Electron's binary as Node (run.ts --electron). */
  runtime: string;
  conversations: number;
  listReadyMs: number;
  /** Same moment, counted from the start of the Node process (boot and module loading included). */
  listReadySinceProcessStartMs: number;
  searchWhileBuilding?: { ms: number; complete: boolean; total: number };
  indexBuildMs?: number;
  /** From creating the store to search being complete (whenSearchReady). */
  searchReadyMs?: number;
  /** Whether the saved index was used (from the store's log). */
  loadedFromDisk?: boolean;
  /** CPU time of the process during the build: on a busy machine, wall time mostly measures the others. */
  indexBuildCpuMs?: number;
  indexedMessages?: number;
  searchMs?: number[];
  searchTotals?: number[];
  baselineMs?: number[];
  rssMb?: number;
  heapUsedMb?: number;
  heapTotalMb?: number;
  arrayBuffersMb?: number;
  externalMb?: number;
  peakRssMb?: number;
  closeMs?: number;
  /** V8 heap spaces after GC: committed / used MB (where the heap's slack is). */
  heapSpaces?: Record<string, string>;
  /**
   * The same after SETTLE_MS idle: V8's memory reducer (started by a low allocation rate, after ~8 s)
   * shrinks the young generation the start-up work grew to its maximum, and the timed save of the
   * search index (30 s after the build) has run. This is main's steady state between uses; the
   * figures above are right after the work.
   */
  settled?: {
    rssMb: number;
    heapUsedMb: number;
    heapTotalMb: number;
    arrayBuffersMb: number;
    /** V8 heap spaces, committed / used MB: the young generation (new_space) is what an idle main may keep. */
    heapSpaces?: Record<string, string>;
    /**
     * Resident MB of the C allocator's main heap (glibc's brk `[heap]` mapping in /proc/self/smaps;
     * null where there is none): where Node's ArrayBuffers under ~128 KB–32 MB and its own C++ objects
     * live, and where memory the process has freed can stay resident.
     */
    mallocHeapMb?: number | null;
  };
  /** Process CPU time (user + system, since the process started) when search was ready. */
  readyCpuMs?: number;
  /**
   * With --compare-old, after everything else: the old index built in this process too, and each
   * query run on both in turn (new, old, new, old, new, old; median of each), so both see the same
   * machine load — on a shared machine, runs minutes apart do not.
   */
  interleaved?: { newMs: number[]; oldMs: number[] };
}

const SETTLE_MS = 45_000;

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** V8's heap spaces of 1 MB or more: committed / used MB. */
function heapSpaces(): Record<string, string> {
  const spaces: Record<string, string> = {};
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_size < 1024 * 1024) continue;
    spaces[space.space_name] = `${mb(space.space_size)}/${mb(space.space_used_size)}`;
  }
  return spaces;
}

/** Resident size of the `[heap]` mapping (the brk heap glibc's main arena grows), or null. */
function mallocHeapMb(): number | null {
  let smaps: string;
  try {
    smaps = readFileSync('/proc/self/smaps', 'utf8');
  } catch {
    return null;
  }
  const at = smaps.search(/ \[heap\]\n/);
  if (at < 0) return null;
  const rss = /^Rss:\s+(\d+) kB$/m.exec(smaps.slice(at));
  return rss ? mb(Number(rss[1]) * 1024) : null;
}

async function main() {
  const [mode = 'start', dir = '', queriesFile = '', baselineArg = '0', resultsFile = ''] =
    process.argv.slice(2);
  const queries = JSON.parse(await readFile(queriesFile, 'utf8')) as string[];
  const t0 = performance.now();
  let loadedFromDisk = false;
  const store = createHistoryStore({
    dir,
    log: createLogger('bench', (line) => {
      if (line.includes('search index loaded')) loadedFromDisk = true;
    }),
    buildSearchIndex: mode === 'start',
    ...(youngGeneration ? { bulkWork: youngGeneration.bulkWork } : {}),
  });
  await store.init();
  const page = store.list({ limit: 50 });
  const listReadyMs = performance.now() - t0;
  const result: MeasureResult = {
    mode,
    runtime: `${process.versions.electron ? `Electron ${process.versions.electron} as Node` : 'Node'} ${process.version}, V8 ${process.versions.v8}`,
    conversations: page.total,
    listReadyMs,
    listReadySinceProcessStartMs: performance.now(),
  };
  const readMemory = () => {
    globalThis.gc?.();
    const memory = process.memoryUsage();
    result.rssMb = mb(memory.rss);
    result.heapUsedMb = mb(memory.heapUsed);
    result.heapTotalMb = mb(memory.heapTotal);
    result.arrayBuffersMb = mb(memory.arrayBuffers);
    result.externalMb = mb(memory.external);
    result.peakRssMb = mb(process.resourceUsage().maxRSS * 1024);
    result.heapSpaces = heapSpaces();
  };
  // Each query three times, keeping its median: on a shared machine a single run mostly measures
  // whoever else had the CPU at that moment.
  const runQueries = async (search: (q: string) => Promise<{ total: number; hits: unknown[] }>) => {
    for (const q of queries.slice(0, 3)) await search(q); // warm-up (JIT)
    result.searchMs = [];
    result.searchTotals = [];
    const answers: Array<{ query: string; total: number; hits: unknown[] }> = [];
    for (const q of queries) {
      const runs: number[] = [];
      let answer = { total: 0, hits: [] as unknown[] };
      for (let r = 0; r < 3; r++) {
        const s = performance.now();
        answer = await search(q);
        runs.push(performance.now() - s);
      }
      result.searchMs.push(runs.sort((a, b) => a - b)[1] ?? Number.NaN);
      result.searchTotals.push(answer.total);
      answers.push({ query: q, total: answer.total, hits: answer.hits });
    }
    if (resultsFile) writeFileSync(resultsFile, JSON.stringify(answers));
  };
  const settle = async () => {
    if (!process.argv.includes('--settle')) return;
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    globalThis.gc?.();
    const memory = process.memoryUsage();
    result.settled = {
      rssMb: mb(memory.rss),
      heapUsedMb: mb(memory.heapUsed),
      heapTotalMb: mb(memory.heapTotal),
      arrayBuffersMb: mb(memory.arrayBuffers),
      heapSpaces: heapSpaces(),
      mallocHeapMb: mallocHeapMb(),
    };
  };
  if (mode === 'start') {
    const cpu0 = process.cpuUsage();
    const s0 = performance.now();
    const early = await store.search(queries[10] ?? 'the');
    result.searchWhileBuilding = { ms: performance.now() - s0, complete: early.complete, total: early.total };
    await store.whenSearchReady();
    result.searchReadyMs = performance.now() - t0;
    const ready = process.cpuUsage();
    result.readyCpuMs = (ready.user + ready.system) / 1000;
    result.loadedFromDisk = loadedFromDisk;
    result.indexBuildMs = performance.now() - t0 - listReadyMs;
    const cpu = process.cpuUsage(cpu0);
    result.indexBuildCpuMs = (cpu.user + cpu.system) / 1000;
    result.indexedMessages = store.searchStatus().indexedMessages;
    await runQueries(async (q) => {
      const r = await store.search(q);
      return {
        total: r.total,
        hits: r.hits.map(({ conversationId, messageId, title, snippet, score }) => ({
          conversationId,
          messageId,
          title,
          snippet,
          score,
        })),
      };
    });
    readMemory();
    await settle();
    result.baselineMs = [];
    for (const q of queries.slice(0, Number(baselineArg))) {
      const s = performance.now();
      await naiveSearch(dir, q);
      result.baselineMs.push(performance.now() - s);
    }
    if (process.argv.includes('--compare-old')) {
      const ids = store.list({ limit: Number.MAX_SAFE_INTEGER }).items.map((s) => s.id);
      const oldIndex = buildOldIndex(dir, ids);
      const median = (runs: number[]) => runs.sort((a, b) => a - b)[1] ?? Number.NaN;
      const interleaved = { newMs: [] as number[], oldMs: [] as number[] };
      for (const q of queries) {
        const newRuns: number[] = [];
        const oldRuns: number[] = [];
        for (let r = 0; r < 3; r++) {
          let s = performance.now();
          await store.search(q);
          newRuns.push(performance.now() - s);
          s = performance.now();
          oldSearch(dir, oldIndex, q);
          oldRuns.push(performance.now() - s);
        }
        interleaved.newMs.push(median(newRuns));
        interleaved.oldMs.push(median(oldRuns));
      }
      result.interleaved = interleaved;
    }
  } else if (mode === 'old') {
    const cpu0 = process.cpuUsage();
    const ids = store.list({ limit: Number.MAX_SAFE_INTEGER }).items.map((s) => s.id);
    const index = buildOldIndex(dir, ids);
    result.indexBuildMs = performance.now() - t0 - listReadyMs;
    const cpu = process.cpuUsage(cpu0);
    result.indexBuildCpuMs = (cpu.user + cpu.system) / 1000;
    result.indexedMessages = index.stats().messages;
    await runQueries(async (q) => oldSearch(dir, index, q));
    readMemory();
    await settle();
    // Keeps the old index alive until here (it is what is being measured).
    result.indexedMessages = index.stats().messages;
  } else if (mode === 'touch') {
    const ids = store.list({ limit: Number(baselineArg) }).items.map((s) => s.id);
    for (const id of ids) await store.appendUserMessage(id, `bench touch ${id} zzqxtouched`);
  } else {
    readMemory();
    await settle();
  }
  const c0 = performance.now();
  await store.close();
  result.closeMs = performance.now() - c0;
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
