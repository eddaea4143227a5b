/**
 * Where page load → composer goes (a diagnostic, not part of the benchmark's figures): resource
 * timings, the composer-ready moment, and the hottest functions of a CPU profile over a fresh load.
 * Run: `BENCH_APP_RENDERER_DIR=<build> npx tsx bench/app/profile-load.ts`.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/chromium';
import { startHarness } from '../../e2e/harness/harness';
import { COMPOSER_INIT_SCRIPT, composerReady } from './composer-ready';
import { startEmulatorProcess } from './emulator-process';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const emulator = await startEmulatorProcess();
const harness = await startHarness({
  dataDir: await mkdtemp(join(tmpdir(), 'switchboard-profile-')),
  baseUrl: emulator.baseUrl,
  ...(process.env.BENCH_APP_RENDERER_DIR ? { rendererDir: process.env.BENCH_APP_RENDERER_DIR } : {}),
});
await harness.services.vault.store({ key: emulator.defaultKey, source: 'env', persistence: 'session' });
const browser = await chromium.launch(chromiumLaunchOptions());
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  await page.addInitScript('globalThis.__name = (fn) => fn;');
  await page.addInitScript(COMPOSER_INIT_SCRIPT);
  await composerReady(page, harness.url);
  await composerReady(page, harness.url);
  // Thread (CPU) time of the renderer's main thread over fresh loads, from a trace: unlike wall time,
  // it barely moves with the machine's load, so two builds compare on a busy machine.
  const loads = Number(process.env.PROFILE_LOADS ?? 5);
  const cpu: number[] = [];
  const byEvent = new Map<string, number>();
  for (let k = 0; k < loads; k++) {
    await page.goto('about:blank');
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink', 'loading'],
    });
    await composerReady(page, harness.url);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as {
      traceEvents: {
        name: string;
        ph: string;
        tid: number;
        pid: number;
        ts: number;
        dur?: number;
        tdur?: number;
        args?: { name?: string };
      }[];
    };
    const mainThreads = new Set(
      trace.traceEvents
        .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
        .map((e) => `${e.pid}:${e.tid}`),
    );
    let total = 0;
    for (const e of trace.traceEvents) {
      if (!mainThreads.has(`${e.pid}:${e.tid}`) || e.ph !== 'X' || e.tdur === undefined) continue;
      if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') total += e.tdur;
      else byEvent.set(e.name, (byEvent.get(e.name) ?? 0) + e.tdur);
    }
    cpu.push(total / 1000);
    if (process.env.PROFILE_TIMELINE && k === loads - 1) {
      // The last load's main-thread tasks of 2 ms or more, in order, with what ran inside them.
      const main = trace.traceEvents.filter((e) => mainThreads.has(`${e.pid}:${e.tid}`) && e.ph === 'X');
      const nav = main.find((e) => e.name === 'DocumentLoader::CommitNavigation')?.ts ?? main[0]?.ts ?? 0;
      for (const task of main.filter(
        (e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && (e.tdur ?? 0) >= 2000,
      )) {
        const end = task.ts + (task.dur ?? 0);
        const inner = main
          .filter((e) => e !== task && e.ts >= task.ts && e.ts < end && (e.tdur ?? 0) >= 1000)
          .slice(0, 4)
          .map((e) => `${e.name} ${((e.tdur ?? 0) / 1000).toFixed(1)}`)
          .join(', ');
        console.log(
          `  @${((task.ts - nav) / 1000).toFixed(1)} ms: ${((task.tdur ?? 0) / 1000).toFixed(1)} ms CPU (${((task.dur ?? 0) / 1000).toFixed(1)} wall) — ${inner}`,
        );
      }
    }
  }
  cpu.sort((a, b) => a - b);
  console.log(
    `main-thread CPU per load (trace tdur of tasks), ms: ${cpu.map((c) => c.toFixed(1)).join(', ')}; median ${cpu[Math.floor(cpu.length / 2)]?.toFixed(1)}`,
  );
  console.log('CPU by event (all loads, nested events overlap):');
  for (const [name, us] of [...byEvent].sort((a, b) => b[1] - a[1]).slice(0, 14))
    console.log(`  ${(us / 1000 / loads).toFixed(1)} ms ${name}`);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
  const run = await composerReady(page, harness.url);
  const { profile } = (await cdp.send('Profiler.stop')) as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const resources = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => {
        const r = e as PerformanceResourceTiming;
        return `${r.name.split('/').pop()?.slice(0, 40)}: start ${r.startTime.toFixed(1)} end ${r.responseEnd.toFixed(1)} (${r.transferSize} B)`;
      })
      .concat(
        performance
          .getEntriesByType('navigation')
          .map(
            (e) =>
              `navigation: responseEnd ${(e as PerformanceNavigationTiming).responseEnd.toFixed(1)}, domInteractive ${(e as PerformanceNavigationTiming).domInteractive.toFixed(1)}`,
          ),
      ),
  );
  console.log(`ready ${run.readyMs.toFixed(1)} ms, typed ${run.typedMs.toFixed(1)} ms`);
  console.log(resources.join('\n'));
  const selfUs = new Map<string, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    if (!n) return;
    const key = `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
    selfUs.set(key, (selfUs.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byUrl = new Map<string, number>();
  for (const [k, us] of selfUs) {
    const url = k.split(' ')[1]?.split(':')[0] ?? '';
    byUrl.set(url, (byUrl.get(url) ?? 0) + us);
  }
  console.log('self time by script:');
  for (const [u, us] of [...byUrl].sort((a, b) => b[1] - a[1]).slice(0, 10))
    console.log(`  ${(us / 1000).toFixed(1)} ms ${u}`);
  console.log('hottest functions:');
  for (const [k, us] of [...selfUs].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`  ${(us / 1000).toFixed(1)} ms ${k}`);
} finally {
  await browser.close();
  await harness.close();
  emulator.close();
}
