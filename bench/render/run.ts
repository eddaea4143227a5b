// Streaming render benchmark: the incremental MarkdownView against a naive
// renderer that re-parses the whole message on every update, react-markdown
// memoized per block, and Streamdown (baselines.ts), in headless Chromium. Run with `npx tsx bench/render/run.ts`. Informational: exits 0.
//
// Environment: BENCH_DOCUMENT (default | long: the 100,000-token reply of long code listings, tables and
// math, see document.ts; it also types into the page while streaming, see input-probe.ts),
// BENCH_INPUT=1 (type into the page with the default document too), BENCH_PROFILE=1 (profile.ts),
// BENCH_TOKENS (20000; 100000 with BENCH_DOCUMENT=long), BENCH_TPS (500), BENCH_NAIVE_MAX_S (60), BENCH_BASELINE_MAX_S (180),
// BENCH_KINDS (any of incremental,naive,memoized,streamdown,plain,compare; default all; plain is the floor: the
// same text with no Markdown and no framework, appended straight to the DOM, see main.tsx PlainText),
// SWITCHBOARD_CHROMIUM (default /usr/bin/chromium; see e2e/chromium.ts).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { type CDPSession, chromium, type Page } from 'playwright-core';
import { build } from 'vite';
import { chromiumLaunchOptions } from '../../e2e/chromium';
import { COLUMN_FRAME_BUDGET_MS, COLUMNS_PER_FRAME } from '../../renderer/src/state/compare-store';
import { benchmarkTokens, longBenchmarkTokens } from './document';
import {
  jsInclusiveTimes,
  jsSelfTimes,
  PROFILE_CATEGORIES,
  printTop,
  startJsProfile,
  stopJsProfile,
  traceSelfTimes,
  workByTailKind,
} from './profile';
import { type BenchResults, COMPARE_COLUMNS, type InputDelays, type RendererKind } from './protocol';
import { costPerToken, linearFit, percentile, workUpTo } from './stats';
import { analyzeTrace, type TraceFigures, traceDuring } from './trace';

const LONG = process.env.BENCH_DOCUMENT === 'long';
const TOKENS = Number(process.env.BENCH_TOKENS ?? (LONG ? 100_000 : 20_000));
// Types a key into the page every INPUT_INTERVAL_MS while it streams, to measure input delay.
const INPUT_PROBE = LONG || process.env.BENCH_INPUT === '1';
const INPUT_INTERVAL_MS = 100;
const TOKENS_PER_SECOND = Number(process.env.BENCH_TPS ?? 500);
// The naive renderer slows down with every token; stop it after this much wall time.
const NAIVE_MAX_MS = Number(process.env.BENCH_NAIVE_MAX_S ?? 60) * 1000;
const INCREMENTAL_MAX_MS = 10 * 60 * 1000;
// Memoized blocks and Streamdown: a cap in case one cannot keep up (the stream itself lasts TOKENS / TPS s).
const BASELINE_MAX_MS = Number(process.env.BENCH_BASELINE_MAX_S ?? 180) * 1000;
const WARMUP_TOKENS = 1500;
// BENCH_PROFILE=1: unminified page, and each renderer's run is followed by where its CPU went (profile.ts).
const PROFILE = process.env.BENCH_PROFILE === '1';
const PROFILE_FUNCTIONS = [
  'frame',
  'flushSyncWorkAcrossRoots_impl',
  'performWorkOnRoot',
  'renderRootSync',
  'commitRoot',
  'commitRootImpl',
  'Markdown',
  'MarkdownView',
  'createProcessor',
  'useBlockSplitter',
  'parse',
  'runSync',
  'post',
  'toJsxRuntime',
  'getBoundingClientRect',
  'scrollHeight',
  'highlight',
  'renderToString',
  'Streamdown',
  'parseMarkdownIntoBlocks',
  'remend',
];
// BENCH_KINDS=incremental,compare skips the baselines when only the Compare rows matter;
// BENCH_KINDS=incremental,memoized,streamdown measures only the issue 19 baselines.
const ALL_KINDS = ['incremental', 'naive', 'memoized', 'streamdown', 'plain', 'compare'] as const;
const KINDS = ALL_KINDS.filter((kind) =>
  (process.env.BENCH_KINDS ?? ALL_KINDS.join(',')).split(',').includes(kind),
);
const BASELINES = ['naive', 'memoized', 'streamdown', 'plain'] as const;
const BASELINE_NAMES: Record<(typeof BASELINES)[number], string> = {
  naive: 'naive react-markdown',
  memoized: 'memoized blocks',
  streamdown: 'Streamdown 2.7.1',
  plain: 'plain text (floor)',
};
const MARKER = 'bench-update';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

async function buildPage(outDir: string): Promise<void> {
  await build({
    root: here,
    base: './',
    configFile: false,
    logLevel: 'warn',
    plugins: [react()],
    resolve: {
      alias: {
        'bench-markdown': join(repoRoot, 'renderer/src/markdown/index.ts'),
        'bench-intl': join(repoRoot, 'renderer/shared/i18n/app-intl-provider.tsx'),
      },
    },
    build: {
      outDir,
      emptyOutDir: true,
      minify: !PROFILE,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 4096,
    },
  });
}

function serve(dir: string): Promise<Server> {
  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    const file = normalize(join(dir, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dir + sep)) {
      response.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        response.writeHead(200, {
          'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        });
        response.end(body);
      },
      () => response.writeHead(404).end(),
    );
  });
  return new Promise((resolveServer) => server.listen(0, '127.0.0.1', () => resolveServer(server)));
}

interface Measured {
  readonly results: BenchResults;
  readonly trace: TraceFigures;
  /** Whole run, from CDP Performance.getMetrics: wall time of all main-thread tasks, and main-thread CPU time. */
  readonly taskMs: number;
  readonly threadCpuMs: number;
  readonly heapBytes: number;
  /** Null unless INPUT_PROBE. */
  readonly input: InputDelays | null;
}

async function metrics(cdp: CDPSession): Promise<Map<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return new Map(list.map((entry) => [entry.name, entry.value]));
}

async function runRenderer(
  page: Page,
  baseUrl: string,
  kind: RendererKind,
  tokens: string[],
  /** Further streams at once, each into its own message beside the first (the Compare case). */
  others: string[][] = [],
): Promise<Measured> {
  await page.goto(`${baseUrl}/index.html?renderer=${kind}${INPUT_PROBE ? '&input=1' : ''}`);
  await page.waitForFunction(() => document.title.startsWith('ready:'));
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  // Warm-up (JIT, first-render caches), then a fresh mount for the measured run.
  const streams = [tokens, ...others];
  await page.evaluate(([warmup]) => window.__bench.start(warmup, 5000), [
    streams.map((stream) => stream.slice(0, WARMUP_TOKENS)),
  ] as const);
  await page.evaluate(() => window.__bench.reset());
  await cdp.send('HeapProfiler.collectGarbage');

  const before = await metrics(cdp);
  const maxMs =
    kind === 'naive'
      ? NAIVE_MAX_MS
      : kind === 'memoized' || kind === 'streamdown' || kind === 'plain'
        ? BASELINE_MAX_MS
        : INCREMENTAL_MAX_MS;
  if (PROFILE) await startJsProfile(cdp);
  if (INPUT_PROBE) await page.focus('textarea');
  let streaming = true;
  const { events } = await traceDuring(
    cdp,
    async () => {
      const typing = INPUT_PROBE ? typeWhile(cdp, () => streaming) : Promise.resolve();
      await page.evaluate(([all, tps, cap]) => window.__bench.start(all, tps, cap), [
        streams,
        TOKENS_PER_SECOND,
        maxMs,
      ] as const);
      streaming = false;
      await typing;
    },
    PROFILE ? PROFILE_CATEGORIES : undefined,
  );
  const after = await metrics(cdp);
  if (PROFILE) {
    printTop(`${kind}: main-thread CPU self time by trace event`, traceSelfTimes(events, MARKER));
    const profile = await stopJsProfile(cdp);
    printTop(`${kind}: JS self time by function (sampling profiler)`, jsSelfTimes(profile), 30);
    printTop(
      `${kind}: JS inclusive time (sampling profiler)`,
      jsInclusiveTimes(profile, PROFILE_FUNCTIONS),
      30,
    );
  }
  const results = await page.evaluate(() => window.__bench.results());
  if (results === null) throw new Error(`${kind}: the page reported no results`);
  const input = INPUT_PROBE ? await page.evaluate(() => window.__bench.inputDelays()) : null;
  await cdp.send('HeapProfiler.collectGarbage');
  const heap = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  const delta = (name: string) => ((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000;
  const trace = analyzeTrace(events, MARKER);
  if (PROFILE && kind === 'incremental' && trace.updateCpu.length === results.samples.length) {
    printTop(
      `${kind}: frame-callback CPU by the tail it rendered`,
      workByTailKind(tokens, results.samples, trace.updateCpu),
      12,
    );
  }
  return {
    results,
    trace,
    taskMs: delta('TaskDuration'),
    threadCpuMs: delta('ThreadTime'),
    heapBytes: heap.usedSize,
    input,
  };
}

/** Presses a key through CDP (as the OS would deliver it) every INPUT_INTERVAL_MS while `active()`. */
async function typeWhile(cdp: CDPSession, active: () => boolean): Promise<void> {
  const key = { key: 'a', code: 'KeyA', windowsVirtualKeyCode: 65 };
  while (active()) {
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyDown', text: 'a', ...key });
    await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
    await new Promise((resolveWait) => setTimeout(resolveWait, INPUT_INTERVAL_MS));
  }
}

/** Figures for one clock: wall (performance.now in the page) or CPU (thread time from the trace). */
interface ClockFigures {
  readonly p95: number;
  readonly max: number;
  readonly firstCost: number;
  readonly lastCost: number;
  readonly prefixTotal: number;
}

function clockFigures(measured: Measured, work: readonly number[], prefixTokens: number): ClockFigures {
  const { samples, tokensRendered } = measured.results;
  const tenth = Math.floor(tokensRendered / 10);
  return {
    p95: percentile(work, 0.95),
    max: Math.max(0, ...work),
    firstCost: costPerToken(samples, work, 0, tenth),
    lastCost: costPerToken(samples, work, tokensRendered - tenth, tokensRendered),
    prefixTotal: workUpTo(samples, work, prefixTokens),
  };
}

interface Summary {
  readonly measured: Measured;
  readonly wall: ClockFigures;
  /** Null when the trace could not be matched to the page's updates. */
  readonly cpu: ClockFigures | null;
}

function summarize(measured: Measured, prefixTokens: number): Summary {
  const wall = measured.results.samples.map((sample) => sample.work);
  const cpu = measured.trace.updateCpu;
  return {
    measured,
    wall: clockFigures(measured, wall, prefixTokens),
    cpu: cpu.length === wall.length ? clockFigures(measured, cpu, prefixTokens) : null,
  };
}

/**
 * The naive renderer's cost per update grows with the message, so a capped run
 * understates its total. Fit its per-update work against message length and sum
 * the fit over every update of the full stream (reported as an estimate).
 */
function extrapolatedNaiveTotal(
  naive: Summary,
  clock: 'wall' | 'cpu',
  tokens: readonly string[],
  updates: number,
): number | null {
  const samples = naive.measured.results.samples;
  const values = clock === 'wall' ? samples.map((sample) => sample.work) : naive.measured.trace.updateCpu;
  if (values.length !== samples.length || samples.length < 10) return null;
  const lengths = prefixLengths(tokens);
  const size = (tokenCount: number) => lengths[Math.min(tokenCount, tokens.length)] ?? 0;
  const fit = linearFit(
    samples.map((sample) => size(sample.first + sample.count)),
    values,
  );
  const perFrame = TOKENS_PER_SECOND / 60;
  let total = 0;
  for (let frame = 1; frame <= updates; frame++)
    total += fit.intercept + fit.slope * size(Math.round(frame * perFrame));
  return total;
}

function prefixLengths(tokens: readonly string[]): number[] {
  const lengths = [0];
  for (const token of tokens) lengths.push((lengths.at(-1) ?? 0) + token.length);
  return lengths;
}

const fixed = (value: number, digits = 1) => value.toFixed(digits);
const verdict = (pass: boolean) => (pass ? 'PASS' : 'MISS');

function printTable(
  incremental: Summary,
  naive: Summary,
  prefixTokens: number,
  tokens: readonly string[],
): void {
  const rows: string[][] = [['metric', 'incremental', 'naive', 'target', 'result']];
  const add = (metric: string, inc: string, nai: string, target = '', result = '') =>
    rows.push([metric, inc, nai, target, result]);
  const inc = incremental.measured;
  const nai = naive.measured;
  add(
    'tokens rendered',
    `${inc.results.tokensRendered}`,
    `${nai.results.tokensRendered}${nai.results.finished ? '' : ' (capped)'}`,
  );
  add('updates', `${inc.results.samples.length}`, `${nai.results.samples.length}`);
  add(
    'effective stream rate',
    `${fixed((inc.results.tokensRendered / inc.results.wallMs) * 1000, 0)} tok/s`,
    `${fixed((nai.results.tokensRendered / nai.results.wallMs) * 1000, 0)} tok/s`,
    `${TOKENS_PER_SECOND} tok/s`,
  );
  for (const [clock, pick] of [
    ['wall', (summary: Summary) => summary.wall],
    ['cpu', (summary: Summary) => summary.cpu],
  ] as const) {
    const i = pick(incremental);
    const n = pick(naive);
    if (i === null || n === null) {
      add(`[${clock}] figures unavailable (trace did not match the updates)`, '', '');
      continue;
    }
    const ratio = n.prefixTotal / Math.max(i.prefixTotal, 1e-9);
    add(
      `[${clock}] update work, tokens 0-${prefixTokens}`,
      `${fixed(i.prefixTotal, 0)} ms`,
      `${fixed(n.prefixTotal, 0)} ms`,
      '>= 10x less',
      `${verdict(ratio >= 10)} (${fixed(ratio)}x)`,
    );
    if (!naive.measured.results.finished) {
      const estimate = extrapolatedNaiveTotal(
        naive,
        clock,
        tokens,
        incremental.measured.results.samples.length,
      );
      const incrementalWork =
        clock === 'wall'
          ? incremental.measured.results.samples.map((s) => s.work)
          : incremental.measured.trace.updateCpu;
      const incrementalTotal = incrementalWork.reduce((sum, value) => sum + value, 0);
      if (estimate !== null) {
        const fullRatio = estimate / Math.max(incrementalTotal, 1e-9);
        add(
          `[${clock}] update work, all ${tokens.length} tokens`,
          `${fixed(incrementalTotal, 0)} ms`,
          `~${fixed(estimate, 0)} ms (extrapolated)`,
          '>= 10x less',
          `${verdict(fullRatio >= 10)} (~${fixed(fullRatio)}x, estimate)`,
        );
      }
    }
    add(
      `[${clock}] p95 work per update`,
      `${fixed(i.p95)} ms`,
      `${fixed(n.p95)} ms`,
      '<= 8 ms',
      verdict(i.p95 <= 8),
    );
    add(`[${clock}] max work per update`, `${fixed(i.max)} ms`, `${fixed(n.max)} ms`);
    add(
      `[${clock}] cost/token first 10% -> last 10%`,
      `${fixed(i.firstCost * 1000, 0)} -> ${fixed(i.lastCost * 1000, 0)} µs`,
      `${fixed(n.firstCost * 1000, 0)} -> ${fixed(n.lastCost * 1000, 0)} µs`,
    );
    const incRatio = i.lastCost / Math.max(i.firstCost, 1e-9);
    add(
      `[${clock}] last/first 10% cost ratio`,
      fixed(incRatio, 2),
      fixed(n.lastCost / Math.max(n.firstCost, 1e-9), 2),
      '<= 1.5',
      verdict(incRatio <= 1.5),
    );
  }
  const longest = (summary: Summary) => Math.max(0, ...summary.measured.results.longTasks);
  add(
    '[wall] longest task (longtask observer)',
    `${fixed(longest(incremental), 0)} ms (${inc.results.longTasks.length} > 50 ms)`,
    `${fixed(longest(naive), 0)} ms (${nai.results.longTasks.length} > 50 ms)`,
    'none > 50 ms',
    verdict(inc.results.longTasks.length === 0),
  );
  add(
    '[cpu] longest task (trace)',
    `${fixed(inc.trace.longestTaskCpu, 0)} ms (${inc.trace.longTasksCpu.length} > 50 ms)`,
    `${fixed(nai.trace.longestTaskCpu, 0)} ms (${nai.trace.longTasksCpu.length} > 50 ms)`,
    'none > 50 ms',
    verdict(inc.trace.longTasksCpu.length === 0),
  );
  add(
    'whole run: main-thread task time / CPU time',
    `${fixed(inc.taskMs, 0)} / ${fixed(inc.threadCpuMs, 0)} ms`,
    `${fixed(nai.taskMs, 0)} / ${fixed(nai.threadCpuMs, 0)} ms`,
  );
  add(
    'JS heap after run (after GC)',
    `${fixed(inc.heapBytes / 2 ** 20)} MiB`,
    `${fixed(nai.heapBytes / 2 ** 20)} MiB`,
  );
  add('CSP violations', `${inc.results.cspViolations.length}`, `${nai.results.cspViolations.length}`, '0');

  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  }
}

function printRows(rows: string[][]): void {
  const widths =
    rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
  for (const [index, row] of rows.entries()) {
    console.log(row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(' | '));
    if (index === 0) console.log(widths.map((width) => '-'.repeat(width)).join('-|-'));
  }
}

const total = (values: readonly number[]) => values.reduce((sum, value) => sum + value, 0);

/**
 * Issue 19: Switchboard beside each baseline measured in the same run, over the whole reply. The
 * first row is the target's measure: the renderer's main-thread CPU over the run (CDP ThreadTime:
 * everything the main thread did, including work a renderer defers out of the frame callback, e.g.
 * React transitions, effects and paint), so a renderer cannot look cheap by doing its work later.
 * Ratios are baseline ÷ Switchboard (how many times more the baseline costs).
 */
function printBaselineTable(incremental: Summary, baselines: readonly [string, Summary][]): void {
  const rows: string[][] = [['measure (whole reply)', 'Switchboard', ...baselines.map(([name]) => name)]];
  const add = (
    metric: string,
    value: (summary: Summary) => number | null,
    format: (v: number) => string,
    ratio = true,
  ) => {
    const mine = value(incremental);
    rows.push([
      metric,
      mine === null ? 'n/a' : format(mine),
      ...baselines.map(([, summary]) => {
        const theirs = value(summary);
        if (theirs === null) return 'n/a';
        return ratio && mine !== null && mine > 0
          ? `${format(theirs)} (${fixed(theirs / Math.max(mine, 1e-9))}x)`
          : format(theirs);
      }),
    ]);
  };
  const ms = (v: number) => `${fixed(v, 0)} ms`;
  rows.push([
    'tokens rendered',
    `${incremental.measured.results.tokensRendered}`,
    ...baselines.map(
      ([, s]) => `${s.measured.results.tokensRendered}${s.measured.results.finished ? '' : ' (capped)'}`,
    ),
  ]);
  add(
    'effective stream rate (tok/s)',
    (s) => (s.measured.results.tokensRendered / s.measured.results.wallMs) * 1000,
    (v) => fixed(v, 0),
    false,
  );
  add('[cpu] renderer main-thread CPU, whole run', (s) => s.measured.threadCpuMs, ms);
  add('[cpu] main-thread task time, whole run', (s) => s.measured.taskMs, ms);
  add(
    '[cpu] update work (frame callbacks)',
    (s) => (s.cpu === null ? null : total(s.measured.trace.updateCpu)),
    ms,
  );
  add(
    '[cpu] p95 work per frame',
    (s) => s.cpu?.p95 ?? null,
    (v) => `${fixed(v)} ms`,
  );
  add(
    '[wall] p95 work per frame',
    (s) => s.wall.p95,
    (v) => `${fixed(v)} ms`,
  );
  add('[cpu] longest task (trace)', (s) => s.measured.trace.longestTaskCpu, ms);
  add(
    '[cpu] tasks > 50 ms (trace)',
    (s) => s.measured.trace.longTasksCpu.length,
    (v) => `${v}`,
    false,
  );
  add('[wall] longest task (longtask observer)', (s) => Math.max(0, ...s.measured.results.longTasks), ms);
  add(
    '[cpu] cost/token last 10% / first 10%',
    (s) => (s.cpu === null ? null : s.cpu.lastCost / Math.max(s.cpu.firstCost, 1e-9)),
    (v) => fixed(v, 2),
  );
  add(
    '[wall] cost/token last 10% / first 10%',
    (s) => s.wall.lastCost / Math.max(s.wall.firstCost, 1e-9),
    (v) => fixed(v, 2),
  );
  add(
    'JS heap after run (after GC)',
    (s) => s.measured.heapBytes / 2 ** 20,
    (v) => `${fixed(v)} MiB`,
    false,
  );
  add(
    'CSP violations',
    (s) => s.measured.results.cspViolations.length,
    (v) => `${v}`,
    false,
  );
  printRows(rows);
  // Which policy each violation broke, so a new one is explained, not only counted.
  for (const s of [incremental, ...baselines.map(([, b]) => b)]) {
    const seen = [...new Set(s.measured.results.cspViolations)];
    if (seen.length > 0) console.log(`CSP violations (${s.measured.results.renderer}): ${seen.join('; ')}`);
  }
  const streamdown = baselines.find(([name]) => name === BASELINE_NAMES.streamdown)?.[1];
  if (streamdown !== undefined) {
    const ratio = streamdown.measured.threadCpuMs / Math.max(incremental.measured.threadCpuMs, 1e-9);
    console.log(
      `\nTarget: >= 3x less renderer main-thread CPU than Streamdown over the reply: ${verdict(ratio >= 3)} (${fixed(ratio)}x)` +
        (streamdown.measured.results.finished ? '' : ' (Streamdown was capped: ratio over fewer tokens)'),
    );
    // The floor: what the browser alone costs for this stream at this pacing, with no Markdown at all.
    const floor = baselines.find(([name]) => name === BASELINE_NAMES.plain)?.[1];
    if (floor !== undefined && streamdown.measured.results.finished && floor.measured.results.finished)
      console.log(
        `The floor (plain text, no Markdown, no framework): ${fixed(floor.measured.threadCpuMs, 0)} ms, ` +
          `Streamdown ÷ floor = ${fixed(streamdown.measured.threadCpuMs / Math.max(floor.measured.threadCpuMs, 1e-9))}x: ` +
          'the most any renderer updating once a frame could reach here.',
      );
  }
}

const mark = (pass: boolean) => (pass ? '✔' : '✘');

/**
 * Issue 19's targets for Switchboard, each measured in this run: the CPU ratio against Streamdown
 * (when it ran), work per frame, long tasks, cost growth; with the long reply also the heap and
 * input delay. Work per frame and long tasks are thread CPU from the trace: wall times on a shared
 * machine include time the OS gave other processes.
 */
function printTargets(incremental: Summary, streamdown: Summary | undefined): void {
  const rows: string[][] = [['issue 19 target', 'Switchboard (measured)', 'target', '']];
  const add = (name: string, value: string, target: string, pass: boolean) =>
    rows.push([name, value, target, mark(pass)]);
  const run = incremental.measured;
  rows.push([
    'tokens rendered, effective stream rate',
    `${run.results.tokensRendered}, ${fixed((run.results.tokensRendered / run.results.wallMs) * 1000, 0)} tok/s`,
    `${TOKENS_PER_SECOND} tok/s`,
    '',
  ]);
  rows.push(['[cpu] main-thread CPU, whole run', `${fixed(run.threadCpuMs, 0)} ms`, '', '']);
  if (streamdown !== undefined) {
    const ratio = streamdown.measured.threadCpuMs / Math.max(run.threadCpuMs, 1e-9);
    add(
      'main-thread CPU over the reply vs Streamdown',
      `${fixed(run.threadCpuMs, 0)} vs ${fixed(streamdown.measured.threadCpuMs, 0)} ms = ${fixed(ratio, 2)}x less` +
        (streamdown.measured.results.finished ? '' : ' (Streamdown capped)'),
      '>= 3x less',
      ratio >= 3,
    );
  }
  const cpu = incremental.cpu;
  if (cpu !== null) {
    add('[cpu] p95 work per frame', `${fixed(cpu.p95, 2)} ms`, '<= 4 ms', cpu.p95 <= 4);
    const growth = cpu.lastCost / Math.max(cpu.firstCost, 1e-9);
    const bound = LONG ? 1.5 : 1.3;
    add('[cpu] cost/token last 10% / first 10%', fixed(growth, 2), `<= ${bound}`, growth <= bound);
  }
  add(
    '[cpu] longest main-thread task (trace)',
    `${fixed(run.trace.longestTaskCpu, 0)} ms (${run.trace.longTasksCpu.length} > 50 ms)`,
    'none > 50 ms',
    run.trace.longTasksCpu.length === 0,
  );
  add(
    '[wall] longest task (longtask observer, load-sensitive)',
    `${fixed(Math.max(0, ...run.results.longTasks), 0)} ms (${run.results.longTasks.length} > 50 ms)`,
    'none > 50 ms',
    run.results.longTasks.length === 0,
  );
  if (LONG) {
    const heap = run.heapBytes / 2 ** 20;
    add('JS heap at the end (after GC)', `${fixed(heap)} MiB`, '<= 64 MiB', heap <= 64);
  }
  if (run.input !== null) {
    const { handler, nextFrame, slowEvents } = run.input;
    const p95 = percentile(handler, 0.95);
    const worst = Math.max(0, ...handler);
    add(
      `input delay, ${handler.length} keys while streaming (handler start − event)`,
      `p95 ${fixed(p95)} ms, max ${fixed(worst)} ms`,
      'p95 <= 50 ms, max <= 100 ms',
      p95 <= 50 && worst <= 100,
    );
    const frameP95 = percentile(nextFrame, 0.95);
    const frameMax = Math.max(0, ...nextFrame);
    add(
      'key to next frame (the keystroke can be painted)',
      `p95 ${fixed(frameP95)} ms, max ${fixed(frameMax)} ms`,
      'p95 <= 50 ms, max <= 100 ms',
      frameP95 <= 50 && frameMax <= 100,
    );
    add(
      'Event Timing entries >= 16 ms (keydown/keypress/input)',
      `${slowEvents.length}${slowEvents.length > 0 ? `, longest ${fixed(Math.max(...slowEvents), 0)} ms` : ''}`,
      'informational',
      true,
    );
  }
  printRows(rows);
}

/**
 * Issue 18: four replies streaming at once into Compare columns, each at the full rate, beside the
 * single stream measured in the same run. A sample is one frame: all four columns' updates.
 */
function printCompareTable(compare: Summary, single: Summary): void {
  const rows: string[][] = [
    ['metric', `${COMPARE_COLUMNS} streams (Compare)`, '1 stream', 'target', 'result'],
  ];
  const add = (metric: string, four: string, one: string, target = '', result = '') =>
    rows.push([metric, four, one, target, result]);
  const four = compare.measured;
  const one = single.measured;
  add('tokens rendered per stream', `${four.results.tokensRendered}`, `${one.results.tokensRendered}`);
  add('frames with updates', `${four.results.samples.length}`, `${one.results.samples.length}`);
  add(
    'effective rate per stream',
    `${fixed((four.results.tokensRendered / four.results.wallMs) * 1000, 0)} tok/s`,
    `${fixed((one.results.tokensRendered / one.results.wallMs) * 1000, 0)} tok/s`,
    `${TOKENS_PER_SECOND} tok/s`,
  );
  for (const [clock, pick] of [
    ['wall', (summary: Summary) => summary.wall],
    ['cpu', (summary: Summary) => summary.cpu],
  ] as const) {
    const f = pick(compare);
    const o = pick(single);
    if (f === null || o === null) {
      add(`[${clock}] figures unavailable (trace did not match the updates)`, '', '');
      continue;
    }
    add(
      `[${clock}] p95 renderer work per frame`,
      `${fixed(f.p95)} ms`,
      `${fixed(o.p95)} ms`,
      '<= 8 ms',
      verdict(f.p95 <= 8),
    );
    add(`[${clock}] max renderer work per frame`, `${fixed(f.max)} ms`, `${fixed(o.max)} ms`);
  }
  add(
    '[wall] longest task (longtask observer)',
    `${fixed(Math.max(0, ...four.results.longTasks), 0)} ms (${four.results.longTasks.length} > 50 ms)`,
    `${fixed(Math.max(0, ...one.results.longTasks), 0)} ms (${one.results.longTasks.length} > 50 ms)`,
    'none > 50 ms',
    verdict(four.results.longTasks.length === 0),
  );
  add(
    '[cpu] longest task (trace)',
    `${fixed(four.trace.longestTaskCpu, 0)} ms (${four.trace.longTasksCpu.length} > 50 ms)`,
    `${fixed(one.trace.longestTaskCpu, 0)} ms (${one.trace.longTasksCpu.length} > 50 ms)`,
    'none > 50 ms',
    verdict(four.trace.longTasksCpu.length === 0),
  );
  add(
    'whole run: main-thread task time / CPU time',
    `${fixed(four.taskMs, 0)} / ${fixed(four.threadCpuMs, 0)} ms`,
    `${fixed(one.taskMs, 0)} / ${fixed(one.threadCpuMs, 0)} ms`,
  );
  add(
    'JS heap after run (after GC)',
    `${fixed(four.heapBytes / 2 ** 20)} MiB`,
    `${fixed(one.heapBytes / 2 ** 20)} MiB`,
  );
  add('CSP violations', `${four.results.cspViolations.length}`, `${one.results.cspViolations.length}`, '0');
  printRows(rows);
}

async function main(): Promise<void> {
  const tokens = LONG ? longBenchmarkTokens(TOKENS) : benchmarkTokens(TOKENS);
  if (LONG)
    console.log(
      'Document: the long reply (long code listings, tables, math; document.ts longBenchmarkTokens).',
    );
  console.log(
    `Streaming ${tokens.length} tokens (${tokens.join('').length} chars) at ${TOKENS_PER_SECOND} tokens/s, ` +
      `cut into 60 Hz frame updates (identical for both renderers). Naive run capped at ${NAIVE_MAX_MS / 1000} s.`,
  );
  console.log(
    `Load average before the run: ${loadavg()
      .map((value) => fixed(value, 2))
      .join(' ')}`,
  );
  const outDir = await mkdtemp(join(tmpdir(), 'render-bench-'));
  let server: Server | undefined;
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    await buildPage(outDir);
    server = await serve(outDir);
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const page = await browser.newPage({ viewport: { width: 900, height: 900 } });
    page.on('pageerror', (error) => console.error('page error:', error.message));
    const measured: Partial<Record<RendererKind, Measured>> = {};
    for (const kind of KINDS) {
      const started = Date.now();
      // Compare: four different replies of the same size and mix (as four models answer), one per column.
      const others =
        kind === 'compare'
          ? Array.from({ length: COMPARE_COLUMNS - 1 }, (_, i) => benchmarkTokens(TOKENS, 20_001 + i))
          : [];
      measured[kind] = await runRenderer(page, baseUrl, kind, tokens, others);
      console.log(
        `  ${kind}: ${measured[kind]?.results.tokensRendered} tokens in ${fixed((Date.now() - started) / 1000)} s`,
      );
    }
    const { incremental, naive, compare } = measured;
    const baselines = BASELINES.flatMap((kind): [string, Summary][] => {
      const run = measured[kind];
      return run === undefined ? [] : [[BASELINE_NAMES[kind], summarize(run, run.results.tokensRendered)]];
    });
    if (incremental !== undefined && baselines.length > 0) {
      console.log(
        `\nIssue 19: Switchboard beside each baseline, same run, same ${tokens.length}-token document and stream` +
          ` (ratios: baseline ÷ Switchboard). Load average now: ${loadavg()
            .map((value) => fixed(value, 2))
            .join(' ')}\n`,
      );
      printBaselineTable(summarize(incremental, incremental.results.tokensRendered), baselines);
      console.log('');
      printTargets(
        summarize(incremental, incremental.results.tokensRendered),
        baselines.find(([name]) => name === BASELINE_NAMES.streamdown)?.[1],
      );
      console.log(
        '\n[cpu] main-thread CPU, whole run: CDP Performance ThreadTime from the stream start to its end, all work' +
          '\n      (frame callbacks, deferred renders, effects, GC, style, layout, paint). Per-frame rows time the' +
          '\n      frame callback only; work a renderer defers (Streamdown renders in a transition) falls outside them.\n',
      );
    }
    if (incremental !== undefined && baselines.length === 0) {
      console.log(
        `\nLoad average now: ${loadavg()
          .map((value) => fixed(value, 2))
          .join(' ')}\n`,
      );
      printTargets(summarize(incremental, incremental.results.tokensRendered), undefined);
    }
    if (incremental !== undefined && compare !== undefined && naive === undefined) {
      printCompareTable(summarize(compare, compare.results.tokensRendered), summarize(incremental, 0));
      return;
    }
    if (incremental === undefined || naive === undefined || compare === undefined) return;
    const prefix = Math.min(incremental.results.tokensRendered, naive.results.tokensRendered);
    console.log(
      `Load average after the run: ${loadavg()
        .map((value) => fixed(value, 2))
        .join(' ')}\n`,
    );
    printTable(summarize(incremental, prefix), summarize(naive, prefix), prefix, tokens);
    console.log(
      '\n[wall]: performance.now() around each update in the page (render + commit + forced style/layout);' +
        '\n        includes time the OS had the thread descheduled, so it is inflated on a loaded machine.' +
        '\n[cpu]:  thread CPU time of the same animation-frame callbacks, from a Chrome trace.' +
        '\nPaint and compositing that follow each frame are in the whole-run totals only.',
    );
    console.log(
      `\nCompare (issue 18): ${COMPARE_COLUMNS} replies streaming at once at ${TOKENS_PER_SECOND} tokens/s each into` +
        ' side-by-side columns (the same incremental MarkdownView; as in the app, at most' +
        ` ${COLUMNS_PER_FRAME} columns repaint per frame, a second only within ${COLUMN_FRAME_BUDGET_MS} ms, each its own commit), same run:\n`,
    );
    printCompareTable(summarize(compare, compare.results.tokensRendered), summarize(incremental, prefix));
    if (!naive.results.finished) {
      console.log(
        `Note: the naive renderer hit the ${NAIVE_MAX_MS / 1000} s cap after ${naive.results.tokensRendered} tokens;` +
          ' work totals compare both renderers over that common prefix, and the "all tokens" rows extrapolate' +
          ' its per-update cost (linear in message length) to the full stream; its other figures cover what it reached.',
      );
    }
  } finally {
    await browser.close();
    server?.close();
    await rm(outDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error('render benchmark failed:', error);
});
