/**
 * One measured start of the history store, run in a fresh Node process by run.ts so that timings start
 * cold and memory figures are this process's alone. Prints one line: `RESULT <json>`.
 *
 * Usage: node measure.mjs <mode: rebuild|start|list|crash> <dir> <queries.json> <baselineQueries>
 * (`start` also builds the search index, runs the queries, reads memory and runs the baseline.)
 */
import { readFile } from 'node:fs/promises';
import { createHistoryStore } from '../../main/services/history';
import { createLogger } from '../../main/services/log/logger';
import { naiveSearch } from './baseline';

export interface MeasureResult {
  mode: string;
  conversations: number;
  listReadyMs: number;
  /** Same moment, counted from the start of the Node process (boot and module loading included). */
  listReadySinceProcessStartMs: number;
  searchWhileBuilding?: { ms: number; complete: boolean; total: number };
  indexBuildMs?: number;
  /** CPU time of the process during the build: on a busy machine, wall time mostly measures the others. */
  indexBuildCpuMs?: number;
  indexedMessages?: number;
  searchMs?: number[];
  searchTotals?: number[];
  baselineMs?: number[];
  rssMb?: number;
  heapUsedMb?: number;
  arrayBuffersMb?: number;
  peakRssMb?: number;
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

async function main() {
  const [mode = 'start', dir = '', queriesFile = '', baselineArg = '0'] = process.argv.slice(2);
  const queries = JSON.parse(await readFile(queriesFile, 'utf8')) as string[];
  const t0 = performance.now();
  const store = createHistoryStore({
    dir,
    log: createLogger('bench', () => undefined),
    buildSearchIndex: mode === 'start',
  });
  await store.init();
  const page = store.list({ limit: 50 });
  const listReadyMs = performance.now() - t0;
  const result: MeasureResult = {
    mode,
    conversations: page.total,
    listReadyMs,
    listReadySinceProcessStartMs: performance.now(),
  };
  if (mode === 'start') {
    const cpu0 = process.cpuUsage();
    const s0 = performance.now();
    const early = await store.search(queries[10] ?? 'the');
    result.searchWhileBuilding = { ms: performance.now() - s0, complete: early.complete, total: early.total };
    await store.whenSearchReady();
    result.indexBuildMs = performance.now() - t0 - listReadyMs;
    const cpu = process.cpuUsage(cpu0);
    result.indexBuildCpuMs = (cpu.user + cpu.system) / 1000;
    result.indexedMessages = store.searchStatus().indexedMessages;
    for (const q of queries.slice(0, 3)) await store.search(q); // warm-up (JIT)
    result.searchMs = [];
    result.searchTotals = [];
    // Each query three times, keeping its median: on a shared machine a single run mostly measures
    // whoever else had the CPU at that moment.
    for (const q of queries) {
      const runs: number[] = [];
      let total = 0;
      for (let r = 0; r < 3; r++) {
        const s = performance.now();
        total = (await store.search(q)).total;
        runs.push(performance.now() - s);
      }
      result.searchMs.push(runs.sort((a, b) => a - b)[1] ?? Number.NaN);
      result.searchTotals.push(total);
    }
    globalThis.gc?.();
    const memory = process.memoryUsage();
    result.rssMb = mb(memory.rss);
    result.heapUsedMb = mb(memory.heapUsed);
    result.arrayBuffersMb = mb(memory.arrayBuffers);
    result.peakRssMb = mb(process.resourceUsage().maxRSS * 1024);
    result.baselineMs = [];
    for (const q of queries.slice(0, Number(baselineArg))) {
      const s = performance.now();
      await naiveSearch(dir, q);
      result.baselineMs.push(performance.now() - s);
    }
  }
  await store.close();
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
