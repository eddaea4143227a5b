/**
 * App-level benchmarks through the browser harness, in Chromium:
 *  1. Opening a 2,000-message conversation: time from the click to the first painted frame with
 *     messages, and the JS heap after — beside a baseline that puts every message in the DOM at once.
 *  2. Time to first token through the app (page → bridge → main services → emulator → coalesced
 *     event → page) versus straight to the emulator (a fetch from Node), in N interleaved pairs so
 *     both sides see the same machine load. The emulator runs in its own process, as OpenRouter is
 *     another machine.
 *  3. Opening a conversation with 200 image attachments (issue 17): click → first paint, → the first
 *     screen's thumbnails decoded, and the JS heap after it and after scrolling through all 200 —
 *     beside a baseline that keeps every image's data URL in JS and puts them all in the DOM.
 *  4. Opening a conversation of 2,000 messages with 500 branch points (issue 18; 1,500 on the visible
 *     path): click → first paint and the JS heap after, beside the single-branch one of (1).
 *  5. Scrolling a 10,000-message conversation from the bottom to its first message with real wheel
 *     input (scroll-conversation.ts): frame times, jumps, the longest task — beside the same scroll
 *     over the same messages as a plain-text list, all in the DOM.
 *  6. Soak (soak.ts): 200 replies in one window session; renderer heap and DOM counters, and main's
 *     heap, after forced GC at reply 20 and reply 200.
 *  7. Page load → a composer that accepts typing (composer-ready.ts), median of fresh loads, beside
 *     a blank page's load → first frame in the same browser.
 * Run: `npx electron-vite build && npx tsx bench/app/run.ts`. Prints figures; never fails on speed.
 * `BENCH_APP_ONLY=open,ttft,images,scroll,soak,composer` runs only the sections named.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../../e2e/chromium';
import { startHarness } from '../../e2e/harness/harness';
import {
  benchImage,
  IMAGE_MESSAGES,
  naiveImageConversation,
  openImageConversation,
  scrollThroughAll,
  seedImageConversation,
} from './attachment-conversation';
import { BRANCH_POINTS, BRANCHED_MESSAGES, seedBranchedConversation } from './branched-conversation';
import { COMPOSER_INIT_SCRIPT, composerReady } from './composer-ready';
import { startEmulatorProcess } from './emulator-process';
import { messageText, seedConversation } from './long-conversation';
import { frameSummary, plainTextList, scrollToFirstMessage } from './scroll-conversation';
import { soak } from './soak';

const MESSAGES = 2_000;
const SCROLL_MESSAGES = 10_000;
const TTFT_RUNS = 40;
const SOAK_REPLIES = Number(process.env.BENCH_SOAK_REPLIES ?? 200);
const SOAK_CHECKPOINTS = [20, 50, 100, 150, 200].filter((n) => n <= SOAK_REPLIES);
const COMPOSER_RUNS = 7;
const VIEWPORT = { width: 1280, height: 820 };

const SECTIONS = ['open', 'ttft', 'images', 'scroll', 'soak', 'composer'] as const;
const only = process.env.BENCH_APP_ONLY?.split(',').map((name) => name.trim());
const unknown = only?.filter((name) => !(SECTIONS as readonly string[]).includes(name)) ?? [];
if (unknown.length > 0)
  throw new Error(`BENCH_APP_ONLY: unknown section ${unknown.join(', ')} (${SECTIONS.join(', ')})`);
const runs = (section: (typeof SECTIONS)[number]) => !only || only.includes(section);

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-app-'));
const OPEN_RUNS = 5;
const bigTitle = (k: number) => `A 2,000-message conversation (${k + 1})`;
const COLD_TITLE = 'A 2,000-message conversation never opened';
const branchedTitle = (k: number) => `A conversation with ${BRANCH_POINTS} branch points (${k + 1})`;
let branchedVisible = 0;
if (runs('open')) {
  for (let k = 0; k < OPEN_RUNS; k++) {
    await seedConversation(dataDir, { id: `big${k}`, title: bigTitle(k), age: k, count: MESSAGES });
  }
  await seedConversation(dataDir, { id: 'bigcold', title: COLD_TITLE, age: OPEN_RUNS + 1, count: MESSAGES });
  for (let k = 0; k < OPEN_RUNS; k++) {
    branchedVisible = (
      await seedBranchedConversation(dataDir, `branched${k}`, branchedTitle(k), OPEN_RUNS + 2 + k)
    ).visible;
  }
}
const SCROLL_TITLE = `A ${SCROLL_MESSAGES.toLocaleString('en')}-message conversation`;
if (runs('scroll')) {
  await seedConversation(dataDir, { id: 'huge', title: SCROLL_TITLE, age: 40, count: SCROLL_MESSAGES });
}
const emulator = await startEmulatorProcess();
// BENCH_APP_RENDERER_DIR: a copy of a build, so a long run is not disturbed by another build of out/.
const harness = await startHarness({
  dataDir,
  baseUrl: emulator.baseUrl,
  ...(process.env.BENCH_APP_RENDERER_DIR ? { rendererDir: process.env.BENCH_APP_RENDERER_DIR } : {}),
});
await harness.services.vault.store({ key: emulator.defaultKey, source: 'env', persistence: 'session' });
// BENCH_CHROMIUM_ARGS: extra switches for a diagnostic run, a JSON array (e.g.
// `["--js-flags=--no-opt --no-maglev --no-sparkplug"]` to see how much of the soak's growth is compiled
// code); figures with it are not the app's.
const extraArgs = JSON.parse(process.env.BENCH_CHROMIUM_ARGS ?? '[]') as string[];
const browser = await chromium.launch(chromiumLaunchOptions(extraArgs));

/** Page → bridge → main → emulator → coalesced event → page, timed in the page. */
async function ttftThroughApp(page: Page, conversationId: string): Promise<number> {
  return page.evaluate(async (id) => {
    const bridge = (
      window as unknown as { switchboard: import('../../common/ipc/bridge-types').SwitchboardBridge }
    ).switchboard;
    const streamId = crypto.randomUUID();
    let t0 = 0;
    let sent: Promise<unknown> = Promise.resolve();
    const ms = await new Promise<number>((resolve, reject) => {
      const off = bridge.onChatEvents((batch) => {
        if (batch.streamId !== streamId) return;
        if (batch.events.some((e) => e.type === 'delta' && e.content !== '')) {
          off();
          resolve(performance.now() - t0);
        }
      });
      t0 = performance.now();
      sent = bridge
        .sendMessage({
          streamId,
          conversationId: id,
          content: `ping ${Math.random()}`,
          model: 'openai/gpt-4o-mini',
        })
        .then((r) => {
          if (!r.ok) reject(new Error(r.error.message));
        });
    });
    // The reply's placeholder is written by the time sendMessage answers; wait for it so the next
    // run does not queue behind this one's final write.
    await sent;
    return ms;
  }, conversationId);
}

/**
 * A fresh load of the chat page. `harness.url` carries the run's token in its fragment, and going to
 * the URL a page is already on, fragment included, only scrolls (a same-document navigation); going
 * through about:blank makes every run a full load, as a start is.
 */
async function loadApp(page: Page): Promise<void> {
  await page.goto('about:blank');
  await page.goto(harness.url);
}

/** Loads the app, then times a click on the conversation to the first frame showing its messages. */
async function openConversation(page: Page, title: string): Promise<number> {
  await loadApp(page);
  await page.getByRole('navigation', { name: 'Conversations' }).getByText(title, { exact: true }).waitFor();
  return page.evaluate(async (name) => {
    const target = [...document.querySelectorAll('nav *')].find((el) => el.textContent === name) as
      | HTMLElement
      | undefined;
    if (!target) throw new Error('conversation not in the sidebar');
    const before = new Set(document.querySelectorAll('[aria-label="assistant message"]'));
    const t0 = performance.now();
    target.click();
    await new Promise<void>((resolve) => {
      const check = () => {
        const shown = [...document.querySelectorAll('[aria-label="assistant message"]')];
        if (shown.some((el) => !before.has(el))) resolve();
        else requestAnimationFrame(check);
      };
      check();
    });
    // The frame with the messages has been produced once the next frame starts.
    await new Promise((r) => requestAnimationFrame(() => r(null)));
    return performance.now() - t0;
  }, title);
}

/** The same request straight to the emulator with fetch, until the first token's bytes arrive. */
async function ttftDirect(i: number): Promise<number> {
  const t0 = performance.now();
  const res = await fetch(`${emulator.baseUrl}/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${emulator.defaultKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      model: 'openai/gpt-4o-mini',
      stream: true,
      messages: [{ role: 'user', content: `ping ${i}` }],
    }),
  });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
    if (/"content":"[^"]/.test(text)) break;
  }
  const ms = performance.now() - t0;
  await reader.cancel();
  return ms;
}

// tsx (esbuild) wraps named functions in `__name(...)`; functions sent to the page need it defined.
const NAME_SHIM = 'globalThis.__name = (fn) => fn;';

const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
const verdict = (ok: boolean) => (ok ? '✔' : '✘');
// Each row is printed as soon as its section ends: a later section that fails loses nothing.
const rows = {
  push(...lines: string[]) {
    for (const line of lines) console.log(line);
  },
};
console.log('\nSwitchboard app benchmark (Chromium through the browser harness)\n');
console.log('| measure | Switchboard | baseline | target |');
console.log('| --- | --- | --- | --- |');

try {
  if (runs('open')) {
    // 1. Open a 2,000-message conversation, each run in a freshly loaded page (the renderer's code
    // cold, as after a start). Main has the file parsed, as it has for the most recent conversation
    // after start-up (warmed in the background); the last run opens one main has never read.
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.addInitScript(NAME_SHIM);
    const openWarm: number[] = [];
    for (let k = 0; k < OPEN_RUNS; k++) {
      await harness.services.history.messages(`big${k}`, { limit: 1 });
      openWarm.push(await openConversation(page, bigTitle(k)));
    }
    const openCold = await openConversation(page, COLD_TITLE);
    const openMs = median(openWarm);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };

    // 4. The same size with 500 branch points, opened the same way (main has the file parsed).
    const openBranched: number[] = [];
    for (let k = 0; k < OPEN_RUNS; k++) {
      await harness.services.history.messages(`branched${k}`, { limit: 1 });
      openBranched.push(await openConversation(page, branchedTitle(k)));
    }
    await cdp.send('HeapProfiler.collectGarbage');
    const branchedHeap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    await page.close();

    // Baseline: every message as DOM at once (no virtualization), plain text only.
    const base = await browser.newPage({ viewport: VIEWPORT });
    await base.addInitScript(NAME_SHIM);
    await base.goto('about:blank');
    const texts = Array.from({ length: MESSAGES }, (_, i) => messageText(i));
    const baselineMs = await base.evaluate(async (all) => {
      const t0 = performance.now();
      const list = document.createElement('div');
      for (const text of all) {
        const article = document.createElement('article');
        for (const para of text.split('\n\n')) {
          const p = document.createElement('p');
          p.textContent = para;
          article.append(p);
        }
        list.append(article);
      }
      document.body.append(list);
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      return performance.now() - t0;
    }, texts);
    const baseCdp = await base.context().newCDPSession(base);
    await baseCdp.send('HeapProfiler.collectGarbage');
    const baseHeap = (await baseCdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    await base.close();

    rows.push(
      `| open ${MESSAGES}-message conversation, click → first paint, median of ${OPEN_RUNS} | ${openMs.toFixed(1)} ms (slowest ${Math.max(...openWarm).toFixed(1)} ms; ${openCold.toFixed(1)} ms when main first reads the file) | ${baselineMs.toFixed(1)} ms (all messages in the DOM, plain text) | ≤ 100 ms ${verdict(openMs <= 100)} |`,
      `| JS heap after opening | ${mb(heap.usedSize)} | ${mb(baseHeap.usedSize)} | ≤ 150 MB ${verdict(heap.usedSize <= 150 * 1024 * 1024)} |`,
    );
    const branchedMs = median(openBranched);
    rows.push(
      `| open ${BRANCHED_MESSAGES}-message conversation with ${BRANCH_POINTS} branch points (${branchedVisible} on the visible path), click → first paint, median of ${OPEN_RUNS} | ${branchedMs.toFixed(1)} ms (slowest ${Math.max(...openBranched).toFixed(1)} ms) | ${openMs.toFixed(1)} ms (the single-branch ${MESSAGES}-message one above) | ≤ 150 ms ${verdict(branchedMs <= 150)} |`,
      `| JS heap after opening it | ${mb(branchedHeap.usedSize)} | ${mb(heap.usedSize)} | ≤ 150 MB ${verdict(branchedHeap.usedSize <= 150 * 1024 * 1024)} |`,
    );
  }

  if (runs('ttft')) {
    // 2. Time to first token: each run through the app, then one straight to the emulator.
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.addInitScript(NAME_SHIM);
    await loadApp(page);
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    const conversation = await harness.services.history.create({ model: 'openai/gpt-4o-mini' });
    const appTtft: number[] = [];
    const directTtft: number[] = [];
    for (let i = 0; i < TTFT_RUNS; i++) {
      appTtft.push(await ttftThroughApp(page, conversation.id));
      // As when a person types the next message: the previous reply's final write has landed.
      await harness.services.sessions.settle();
      await harness.services.history.flush();
      directTtft.push(await ttftDirect(i));
    }
    await page.close();
    const added = median(appTtft) - median(directTtft);
    const pairedAdded = median(appTtft.map((t, i) => t - (directTtft[i] ?? Number.NaN)));
    rows.push(
      `| time to first token, median of ${TTFT_RUNS} | ${median(appTtft).toFixed(2)} ms through the app | ${median(directTtft).toFixed(2)} ms straight to the emulator | ≤ 5 ms added: ${added.toFixed(2)} ms (median of pairwise differences ${pairedAdded.toFixed(2)} ms) ${verdict(added <= 5)} |`,
    );
  }

  if (runs('images')) {
    // 3. A conversation with 200 image attachments, each run in a freshly loaded page.
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.addInitScript(NAME_SHIM);
    const cdp = await page.context().newCDPSession(page);
    const IMAGES_TITLE = `${IMAGE_MESSAGES} screenshots`;
    const images = await seedImageConversation(harness.services.history, IMAGES_TITLE);
    const imagePaint: number[] = [];
    const imageThumbs: number[] = [];
    for (let k = 0; k < OPEN_RUNS; k++) {
      await loadApp(page);
      const run = await openImageConversation(page, IMAGES_TITLE);
      imagePaint.push(run.firstPaintMs);
      imageThumbs.push(run.thumbnailsMs);
    }
    // Large strings (a data URL) may live outside V8's heap proper, as external strings counted in
    // `backingStorageSize`; they are the person's memory all the same, so this case counts both.
    const heapWithStrings = async (session: typeof cdp): Promise<number> => {
      await session.send('HeapProfiler.collectGarbage');
      const usage = (await session.send('Runtime.getHeapUsage')) as {
        usedSize: number;
        backingStorageSize?: number;
      };
      return usage.usedSize + (usage.backingStorageSize ?? 0);
    };
    const imageHeap = await heapWithStrings(cdp);
    const thumbnailsSeen = await scrollThroughAll(page);
    const imageHeapScrolled = await heapWithStrings(cdp);
    await page.close();

    const naive = await browser.newPage({ viewport: VIEWPORT });
    await naive.addInitScript(NAME_SHIM);
    await naive.goto('about:blank');
    const dataUrls = Array.from(
      { length: IMAGE_MESSAGES },
      (_, i) => `data:image/png;base64,${Buffer.from(benchImage(i)).toString('base64')}`,
    );
    const naiveMs = await naiveImageConversation(naive, dataUrls);
    const naiveHeap = await heapWithStrings(await naive.context().newCDPSession(naive));
    await naive.close();

    const imagePaintMs = median(imagePaint);
    rows.push(
      `| open a conversation with ${IMAGE_MESSAGES} image attachments (${mb(images.imageBytes)} of PNGs), click → first paint, median of ${OPEN_RUNS} | ${imagePaintMs.toFixed(1)} ms (slowest ${Math.max(...imagePaint).toFixed(1)} ms); first screen's thumbnails decoded: ${median(imageThumbs).toFixed(1)} ms | ${naiveMs.toFixed(1)} ms (every image as a data URL in the DOM at once) | ≤ 150 ms ${verdict(imagePaintMs <= 150)} |`,
    );
    const worstImageHeap = Math.max(imageHeap, imageHeapScrolled);
    rows.push(
      `| JS heap (with external strings) after opening it / after scrolling through all ${IMAGE_MESSAGES} (${thumbnailsSeen} thumbnails shown) | ${mb(imageHeap)} / ${mb(imageHeapScrolled)} | ${mb(naiveHeap)} (the data URLs kept in JS) | ≤ 150 MB ${verdict(worstImageHeap <= 150 * 1024 * 1024)} |`,
    );
  }

  if (runs('scroll')) {
    // 5. Scroll the 10,000-message conversation from the bottom to its first message, then the same
    // wheel input over the same messages as a plain-text list with every message in the DOM.
    const wheel = { speedPxPerSecond: Number(process.env.BENCH_SCROLL_SPEED ?? 20_000) };
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.addInitScript(NAME_SHIM);
    await openConversation(page, SCROLL_TITLE);
    const cdp = await page.context().newCDPSession(page);
    const app = await scrollToFirstMessage(page, cdp, { scroller: '.message-list', ...wheel });
    const listSize = await page.locator('.message-list').boundingBox();
    await page.close();

    const base = await browser.newPage({ viewport: VIEWPORT });
    await base.addInitScript(NAME_SHIM);
    await base.goto('about:blank');
    await plainTextList(
      base,
      Array.from({ length: SCROLL_MESSAGES }, (_, i) => messageText(i)),
      { width: Math.round(listSize?.width ?? 900), height: Math.round(listSize?.height ?? 700) },
    );
    const baseCdp = await base.context().newCDPSession(base);
    const plain = await scrollToFirstMessage(base, baseCdp, { scroller: '.plain-list', ...wheel });
    await base.close();

    const describeScroll = (f: typeof app) => {
      const s = frameSummary(f.frames);
      return `p50 ${s.p50.toFixed(1)} / p95 ${s.p95.toFixed(2)} / max ${s.max.toFixed(1)} ms over ${f.frames.length} frames; longest task ${f.longestTaskMs.toFixed(1)} ms wall (${f.longTasks} over 50 ms), ${f.longestTaskCpuMs.toFixed(1)} ms CPU (${f.longTasksCpu} over 50 ms); ${f.jumps} jumps; first message ${f.reachedFirst ? 'reached' : 'NOT reached'} after ${(f.durationMs / 1000).toFixed(1)} s`;
    };
    const s = frameSummary(app.frames);
    // The target is one 60 Hz refresh (16.67 ms) stated to 0.1 ms; rAF deltas of frames on time
    // jitter around it (16.6–16.8), so p95 is judged at the target's own precision (and printed exactly).
    const onTime = Math.round(s.p95 * 10) / 10 <= 16.7;
    const ok = app.reachedFirst && app.jumps === 0 && onTime && app.longestTaskMs <= 50;
    // The same judged on the page's own work (thread time), which the machine's load does not inflate.
    const okCpu = app.reachedFirst && app.jumps === 0 && app.longestTaskCpuMs <= 50;
    rows.push(
      `| scroll a ${SCROLL_MESSAGES.toLocaleString('en')}-message conversation from the bottom to its first message (mouse wheel at ${wheel.speedPxPerSecond.toLocaleString('en')} px/s) | ${describeScroll(app)} | ${describeScroll(plain)} (the same messages as plain text, all in the DOM) | p95 frame ≤ 16.7 ms, no task over 50 ms ${verdict(ok)} (no task over 50 ms of CPU ${verdict(okCpu)}) |`,
    );
  }

  if (runs('soak')) {
    // 6. Soak: 200 replies in one conversation, typed in the composer.
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.addInitScript(NAME_SHIM);
    const SOAK_TITLE = 'Soak';
    await harness.services.history.create({ model: 'openai/gpt-4o-mini', title: SOAK_TITLE });
    await loadApp(page);
    await page
      .getByRole('navigation', { name: 'Conversations' })
      .getByText(SOAK_TITLE, { exact: true })
      .click();
    await page.getByRole('textbox', { name: 'Message' }).waitFor();
    const cdp = await page.context().newCDPSession(page);
    const points = await soak(page, cdp, {
      replies: SOAK_REPLIES,
      checkpoints: SOAK_CHECKPOINTS,
      afterReply: async () => {
        await harness.services.sessions.settle();
        await harness.services.history.flush();
      },
    });
    await page.close();
    const first = points[0];
    const last = points.at(-1);
    if (first && last) {
      const growth = (a: number, b: number) => `${(((b - a) / a) * 100).toFixed(1)}%`;
      const trend = (pick: (p: (typeof points)[number]) => string) =>
        points.map((p) => `${p.reply}: ${pick(p)}`).join(', ');
      const rendererOk = last.rendererHeap <= first.rendererHeap * 1.1;
      const mainOk = last.mainHeap <= first.mainHeap * 1.1;
      const firstCode = first.compiledCode ?? 0;
      const lastCode = last.compiledCode ?? 0;
      const withoutCode = `without V8's code objects (compiled functions: ${mb(firstCode)} → ${mb(lastCode)}) ${mb(first.rendererHeap - firstCode)} → ${mb(last.rendererHeap - lastCode)} (${growth(first.rendererHeap - firstCode, last.rendererHeap - lastCode)})`;
      rows.push(
        `| soak, ${SOAK_REPLIES} replies in one window session: renderer JS heap after GC, reply ${first.reply} → ${last.reply} | ${mb(first.rendererHeap)} → ${mb(last.rendererHeap)} (${growth(first.rendererHeap, last.rendererHeap)}; ${trend((p) => mb(p.rendererHeap))}); ${withoutCode}; DOM nodes ${first.domNodes} → ${last.domNodes}, JS listeners ${first.listeners} → ${last.listeners} | reply ${first.reply} | growth ≤ 10% ${verdict(rendererOk)} |`,
        `| soak: main's heap after gc() (the harness runs main's services in the bench's Node process), reply ${first.reply} → ${last.reply} | ${mb(first.mainHeap)} → ${mb(last.mainHeap)} (${growth(first.mainHeap, last.mainHeap)}; ${trend((p) => mb(p.mainHeap))}); process RSS ${mb(first.mainRss)} → ${mb(last.mainRss)} | reply ${first.reply} | growth ≤ 10% ${verdict(mainOk)} |`,
      );
    }
  }

  if (runs('composer')) {
    // 7. Page load → a composer that accepts typing, each a fresh load; baseline: a blank page's
    // load → first frame in the same browser.
    const page = await browser.newPage({ viewport: VIEWPORT });
    await page.addInitScript(NAME_SHIM);
    await page.addInitScript(COMPOSER_INIT_SCRIPT);
    await composerReady(page, harness.url); // the browser's very first load of the app: not counted
    const ready: number[] = [];
    const typed: number[] = [];
    for (let k = 0; k < COMPOSER_RUNS; k++) {
      const run = await composerReady(page, harness.url);
      ready.push(run.readyMs);
      typed.push(run.typedMs);
    }
    await page.close();
    const blank = await browser.newPage({ viewport: VIEWPORT });
    const blankMs: number[] = [];
    for (let k = 0; k < COMPOSER_RUNS; k++) {
      await blank.goto('about:blank');
      await blank
        .goto(`${new URL(harness.url).origin}/__bench_blank__`, { waitUntil: 'commit' })
        .catch(() => null);
      blankMs.push(
        await blank.evaluate(
          () => new Promise<number>((r) => requestAnimationFrame(() => r(performance.now()))),
        ),
      );
    }
    await blank.close();
    const typedMs = median(typed);
    rows.push(
      `| page load → composer accepts typing, median of ${COMPOSER_RUNS} fresh loads | ${typedMs.toFixed(1)} ms to a typed character shown (the box ready at ${median(ready).toFixed(1)} ms; slowest ${Math.max(...typed).toFixed(1)} ms) | ${median(blankMs).toFixed(1)} ms (a page with no app: load → first frame) | ≤ 250 ms ${verdict(typedMs <= 250)} |`,
    );
  }
} finally {
  await browser.close();
  await harness.close();
  emulator.close();
}
