import { join } from 'node:path';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { CDPSession, Page } from '@playwright/test';
import { within } from '../../e2e/emulator/test-support';
import { codeSummary } from './code-owners';
import { type Census, census, censusDiff } from './soak-census';

/**
 * "Soak: 200 replies in one window session" (issue 19). The person types each message in the
 * composer and presses Enter; the emulator (its own process) streams the reply; the next message
 * waits for the reply's end and main's final write, as a person reading it would.
 *
 * Measured at the checkpoints, after forcing garbage collection on both sides:
 * - the renderer: V8's used heap (CDP HeapProfiler.collectGarbage, then Runtime.getHeapUsage) and
 *   Chromium's DOM counters (nodes, JS event listeners: a per-reply leak of either shows here);
 * - main: the harness runs main's services in this Node process, so main's figure is this process's
 *   V8 `heapUsed` after a full `gc()` (RSS is reported beside it but also holds Playwright's client and
 *   the allocator's free pages, which it does not hand back).
 */

export interface SoakPoint {
  reply: number;
  rendererHeap: number;
  /**
   * At the first and last checkpoints: the part of the heap snapshot that is V8 code objects (machine
   * code from the baseline and optimizing compilers, bytecode, their metadata). V8 compiles functions
   * as they get hot, so this grows through a session without anything leaking; beside it, the rest.
   */
  compiledCode?: number;
  domNodes: number;
  listeners: number;
  mainHeap: number;
  mainRss: number;
}

const SEND_INTERVAL_MS = 1_100;
/** How long one reply may take to end before the soak gives up. */
const REPLY_TIMEOUT_MS = 120_000;

/**
 * The checkpoints given, then one every 100 replies up to `replies` (BENCH_SOAK_REPLIES=600: is the
 * growth from reply 20 to 200 still climbing after 200, or has it levelled off?).
 */
export function soakCheckpoints(given: readonly number[], replies: number): number[] {
  const out = given.filter((n) => n <= replies);
  for (let n = Math.floor((out.at(-1) ?? 0) / 100) * 100 + 100; n <= replies; n += 100) out.push(n);
  return out;
}

/** The snapshot's V8 code objects (type `code`), in bytes. */
function codeBytes(taken: Census): number {
  let sum = 0;
  for (const [kind, v] of taken.heap) if (kind.startsWith('code:')) sum += v.size;
  return sum;
}

/** One fixed script (compiled once, then served from V8's cache) that puts the focus in the Message box. */
const FOCUS_COMPOSER = "document.querySelector('.composer textarea').focus()";
/** Enter as CDP key events (keydown sends, composer.tsx onKeyDown); no text, so nothing is typed. */
const ENTER_KEY = { key: 'Enter', code: 'Enter', windowsVirtualKeyCode: 13, nativeVirtualKeyCode: 13 };

/** Node's gc(), reachable without --expose-gc on the command line. */
function nodeGc(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

export async function soak(
  page: Page,
  cdp: CDPSession,
  opts: { replies: number; checkpoints: readonly number[]; afterReply: () => Promise<void> },
): Promise<SoakPoint[]> {
  const gc = nodeGc();
  const checkpoints = soakCheckpoints(opts.checkpoints, opts.replies);
  await page.evaluate(() => {
    const bridge = (
      window as unknown as { switchboard: import('../../common/ipc/bridge-types').SwitchboardBridge }
    ).switchboard;
    const w = window as unknown as { __soakEnded: number };
    w.__soakEnded = 0;
    bridge.onChatEvents((batch) => {
      for (const e of batch.events) if (e.type === 'done' || e.type === 'error') w.__soakEnded++;
    });
  });
  // Per reply the page is driven through CDP only (Input.insertText, a key event, one fixed script that
  // waits), never Playwright's locators or page.evaluate: those run Playwright's injected script in the
  // page's own isolate, and its code, optimized as it gets hot (getByRole's accessible-name code,
  // selector parsing, serialization), counted +183 KB of the "renderer heap" growth from reply 20 to
  // 200 (bench/app/code-owners.ts), which is the driver's, not the app's.
  await page.evaluate(() => {
    const w = window as unknown as {
      __soakEnded: number;
      __soakWanted: number;
      __soakNext: () => Promise<boolean>;
    };
    w.__soakWanted = 0;
    // Resolves once the reply just sent has ended and Send is back (the composer ready for the next).
    w.__soakNext = () =>
      new Promise((resolve) => {
        const want = ++w.__soakWanted;
        const check = (): void => {
          if (w.__soakEnded >= want && document.querySelector('.composer button[type="submit"]') !== null)
            resolve(true);
          else requestAnimationFrame(check);
        };
        check();
      });
  });
  const composer = page.getByRole('textbox', { name: 'Message' });
  await composer.click();
  const points: SoakPoint[] = [];
  let lastSend = 0;
  // BENCH_SOAK_DIAG=1: a DOM census and a heap snapshot at every checkpoint; V8's code by tier at
  // each, and the first and last diffed (which functions and RegExps gained compiled code).
  const diag = Boolean(process.env.BENCH_SOAK_DIAG);
  let firstCensus: Census | undefined;
  let previousCensus: Census | undefined;
  for (let reply = 1; reply <= opts.replies; reply++) {
    // Main's write budget (main/ipc/write-budget.ts: a burst of 120 changes, then 60 a minute)
    // refuses a faster pace, and no person sends a message a second for minutes on end.
    const wait = lastSend + SEND_INTERVAL_MS - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    lastSend = performance.now();
    await cdp.send('Runtime.evaluate', { expression: FOCUS_COMPOSER });
    await cdp.send('Input.insertText', { text: `Soak message ${reply}: tell me one more thing.` });
    // The first message waits for its cost estimate, as a person typing it would see it: main loads
    // o200k's tokenizer (~22 MB of heap, once) on the first estimate, which a type-and-Enter may
    // otherwise skip until any later reply, and a one-off load between replies 20 and 200 read as
    // +25% "growth" of main's heap in some runs and none in others.
    if (reply === 1)
      await page
        .locator('.composer-estimate')
        .waitFor({ timeout: 15_000 })
        .catch(() => process.stderr.write('soak: no cost estimate shown for the first message\n'));
    for (const type of ['keyDown', 'keyUp'] as const)
      await cdp.send('Input.dispatchKeyEvent', { type, ...ENTER_KEY });
    if (process.env.BENCH_VERBOSE) process.stderr.write(`reply ${reply}\n`);
    const failed = await within(
      cdp.send('Runtime.evaluate', { expression: 'window.__soakNext()', awaitPromise: true }),
      REPLY_TIMEOUT_MS,
    ).then(
      (answer) => (answer === 'timeout' ? new Error(`no answer in ${REPLY_TIMEOUT_MS} ms`) : null),
      (error: unknown) => error,
    );
    if (failed !== null) {
      const shown = await composer
        .locator('xpath=ancestor::form')
        .textContent()
        .catch(() => '');
      throw new Error(`reply ${reply} did not end; the composer shows: ${shown}`, { cause: failed });
    }
    await opts.afterReply();
    if (checkpoints.includes(reply)) {
      await cdp.send('HeapProfiler.collectGarbage');
      const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      const dom = (await cdp.send('Memory.getDOMCounters')) as { nodes: number; jsEventListeners: number };
      gc();
      gc();
      const mem = process.memoryUsage();
      // BENCH_SOAK_MAIN_SNAPSHOT_DIR: this process's heap (main's side) at each checkpoint, to diff offline.
      // It found main's one step: o200k's tokenizer (~22 MB of heap), loaded on the first estimate.
      const mainSnapshots = process.env.BENCH_SOAK_MAIN_SNAPSHOT_DIR;
      if (mainSnapshots) writeHeapSnapshot(join(mainSnapshots, `main-${reply}.heapsnapshot`));
      points.push({
        reply,
        rendererHeap: heap.usedSize,
        domNodes: dom.nodes,
        listeners: dom.jsEventListeners,
        mainHeap: mem.heapUsed,
        mainRss: mem.rss,
      });
      const point = points.at(-1);
      const edge = reply === checkpoints[0] || reply === checkpoints.at(-1);
      if (point && (edge || diag)) {
        const taken = await census(page, cdp);
        point.compiledCode = codeBytes(taken);
        if (diag) {
          const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
          const rest = point.rendererHeap - point.compiledCode;
          process.stderr.write(
            `soak reply ${reply}: renderer heap ${mb(point.rendererHeap)}, V8's code objects ${mb(point.compiledCode)}, the rest ${mb(rest)}; DOM nodes ${point.domNodes}; code by tier: ${codeSummary(taken.code, previousCensus?.code)}\n`,
          );
          firstCensus ??= taken;
          previousCensus = taken;
          // The soak's own interval (the last checkpoint given, reply 200), and the end of a longer run.
          if (reply === opts.checkpoints.at(-1) || reply === checkpoints.at(-1)) {
            process.stderr.write(`soak census, reply ${checkpoints[0]} → ${reply}:\n`);
            process.stderr.write(`${censusDiff(firstCensus, taken).join('\n')}\n`);
          }
        }
      }
    }
  }
  return points;
}
