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
 * Run: `npx electron-vite build && npx tsx bench/app/run.ts`. Prints figures; never fails on speed.
 */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import type { Message } from '../../common/conversation-types';
import { chromiumLaunchOptions } from '../../e2e/chromium';
import { startHarness } from '../../e2e/harness/harness';
import { type ConversationFile, serializeConversationFile } from '../../main/services/history';
import {
  benchImage,
  IMAGE_MESSAGES,
  naiveImageConversation,
  openImageConversation,
  scrollThroughAll,
  seedImageConversation,
} from './attachment-conversation';
import { BRANCH_POINTS, BRANCHED_MESSAGES, seedBranchedConversation } from './branched-conversation';
import { startEmulatorProcess } from './emulator-process';

const MESSAGES = 2_000;
const TTFT_RUNS = 40;

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? Number.NaN;
}

function messageText(i: number): string {
  if (i % 2 === 0) return `Question ${i}: how would you explain topic ${i % 37} to a new colleague?`;
  const code =
    i % 6 === 1 ? `\n\n\`\`\`ts\nexport function f${i}(x: number) {\n  return x * ${i};\n}\n\`\`\`\n` : '';
  return `Here is an answer for **${i}**.\n\n- first point about ${i % 11}\n- second point${code}\n\nA closing paragraph with \`inline code\` and a [link](https://example.com/${i}).`;
}

/** Seeds one 2,000-message conversation; a larger `age` makes it older (never the most recent). */
async function seedConversation(dataDir: string, id: string, title: string, age: number): Promise<void> {
  const dir = join(dataDir, 'history', 'conversations');
  await mkdir(dir, { recursive: true });
  const start = Date.UTC(2026, 0, 1) - age * 86_400_000;
  const messages: Message[] = Array.from({ length: MESSAGES }, (_, i) => ({
    id: `m${i}`,
    role: i % 2 === 0 ? 'user' : 'assistant',
    content: messageText(i),
    reasoning: '',
    createdAt: new Date(start + i * 60_000).toISOString(),
    model: i % 2 === 0 ? null : 'openai/gpt-4o-mini',
    status: 'complete',
    error: null,
    usage: i % 2 === 0 ? null : { promptTokens: 100, completionTokens: 80, cost: 0.0001 },
    finishReason: i % 2 === 0 ? null : 'stop',
    generationId: i % 2 === 0 ? null : `gen-${i}`,
  }));
  const file: ConversationFile = {
    formatVersion: 1,
    conversation: {
      id,
      title,
      createdAt: new Date(start).toISOString(),
      updatedAt: new Date(start + MESSAGES * 60_000).toISOString(),
      model: 'openai/gpt-4o-mini',
    },
    messages,
  };
  await writeFile(join(dir, `${id}.json`), serializeConversationFile(file));
}

const dataDir = await mkdtemp(join(tmpdir(), 'switchboard-bench-app-'));
const OPEN_RUNS = 5;
const bigTitle = (k: number) => `A 2,000-message conversation (${k + 1})`;
const COLD_TITLE = 'A 2,000-message conversation never opened';
for (let k = 0; k < OPEN_RUNS; k++) await seedConversation(dataDir, `big${k}`, bigTitle(k), k);
await seedConversation(dataDir, 'bigcold', COLD_TITLE, OPEN_RUNS + 1);
const branchedTitle = (k: number) => `A conversation with ${BRANCH_POINTS} branch points (${k + 1})`;
let branchedVisible = 0;
for (let k = 0; k < OPEN_RUNS; k++) {
  branchedVisible = (
    await seedBranchedConversation(dataDir, `branched${k}`, branchedTitle(k), OPEN_RUNS + 2 + k)
  ).visible;
}
const emulator = await startEmulatorProcess();
const harness = await startHarness({ dataDir, baseUrl: emulator.baseUrl });
await harness.services.vault.store({ key: emulator.defaultKey, source: 'env', persistence: 'session' });
const browser = await chromium.launch(chromiumLaunchOptions());

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

try {
  // 1. Open a 2,000-message conversation, each run in a freshly loaded page (the renderer's code
  // cold, as after a start). Main has the file parsed, as it has for the most recent conversation
  // after start-up (warmed in the background); the last run opens one main has never read.
  const page = await browser.newPage({ viewport: { width: 1280, height: 820 } });
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
  const branchedCdp = await page.context().newCDPSession(page);
  await branchedCdp.send('HeapProfiler.collectGarbage');
  const branchedHeap = (await branchedCdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await branchedCdp.detach();

  // Baseline: every message as DOM at once (no virtualization), plain text only.
  const base = await browser.newPage({ viewport: { width: 1280, height: 820 } });
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

  // 2. Time to first token: each run through the app, then one straight to the emulator.
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

  // 3. A conversation with 200 image attachments, each run in a freshly loaded page.
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

  const naive = await browser.newPage({ viewport: { width: 1280, height: 820 } });
  await naive.addInitScript(NAME_SHIM);
  await naive.goto('about:blank');
  const dataUrls = Array.from(
    { length: IMAGE_MESSAGES },
    (_, i) => `data:image/png;base64,${Buffer.from(benchImage(i)).toString('base64')}`,
  );
  const naiveMs = await naiveImageConversation(naive, dataUrls);
  const naiveHeap = await heapWithStrings(await naive.context().newCDPSession(naive));

  const mb = (b: number) => `${(b / 1024 / 1024).toFixed(1)} MB`;
  const verdict = (ok: boolean) => (ok ? 'PASS' : 'MISS');
  const added = median(appTtft) - median(directTtft);
  const pairedAdded = median(appTtft.map((t, i) => t - (directTtft[i] ?? Number.NaN)));
  console.log('\nSwitchboard app benchmark (Chromium through the browser harness)\n');
  console.log('| measure | Switchboard | baseline | target |');
  console.log('| --- | --- | --- | --- |');
  console.log(
    `| open ${MESSAGES}-message conversation, click → first paint, median of ${OPEN_RUNS} | ${openMs.toFixed(1)} ms (slowest ${Math.max(...openWarm).toFixed(1)} ms; ${openCold.toFixed(1)} ms when main first reads the file) | ${baselineMs.toFixed(1)} ms (all messages in the DOM, plain text) | ≤ 150 ms ${verdict(openMs <= 150)} |`,
  );
  console.log(
    `| JS heap after opening | ${mb(heap.usedSize)} | ${mb(baseHeap.usedSize)} | ≤ 150 MB ${verdict(heap.usedSize <= 150 * 1024 * 1024)} |`,
  );
  const branchedMs = median(openBranched);
  console.log(
    `| open ${BRANCHED_MESSAGES}-message conversation with ${BRANCH_POINTS} branch points (${branchedVisible} on the visible path), click → first paint, median of ${OPEN_RUNS} | ${branchedMs.toFixed(1)} ms (slowest ${Math.max(...openBranched).toFixed(1)} ms) | ${openMs.toFixed(1)} ms (the single-branch ${MESSAGES}-message one above) | ≤ 150 ms ${verdict(branchedMs <= 150)} |`,
  );
  console.log(
    `| JS heap after opening it | ${mb(branchedHeap.usedSize)} | ${mb(heap.usedSize)} | ≤ 150 MB ${verdict(branchedHeap.usedSize <= 150 * 1024 * 1024)} |`,
  );
  const imagePaintMs = median(imagePaint);
  console.log(
    `| open a conversation with ${IMAGE_MESSAGES} image attachments (${mb(images.imageBytes)} of PNGs), click → first paint, median of ${OPEN_RUNS} | ${imagePaintMs.toFixed(1)} ms (slowest ${Math.max(...imagePaint).toFixed(1)} ms); first screen's thumbnails decoded: ${median(imageThumbs).toFixed(1)} ms | ${naiveMs.toFixed(1)} ms (every image as a data URL in the DOM at once) | ≤ 150 ms ${verdict(imagePaintMs <= 150)} |`,
  );
  const worstImageHeap = Math.max(imageHeap, imageHeapScrolled);
  console.log(
    `| JS heap (with external strings) after opening it / after scrolling through all ${IMAGE_MESSAGES} (${thumbnailsSeen} thumbnails shown) | ${mb(imageHeap)} / ${mb(imageHeapScrolled)} | ${mb(naiveHeap)} (the data URLs kept in JS) | ≤ 150 MB ${verdict(worstImageHeap <= 150 * 1024 * 1024)} |`,
  );
  console.log(
    `| time to first token, median of ${TTFT_RUNS} | ${median(appTtft).toFixed(2)} ms through the app | ${median(directTtft).toFixed(2)} ms straight to the emulator | ≤ 5 ms added: ${added.toFixed(2)} ms (median of pairwise differences ${pairedAdded.toFixed(2)} ms) ${verdict(added <= 5)} |`,
  );
} finally {
  await browser.close();
  await harness.close();
  emulator.close();
}
