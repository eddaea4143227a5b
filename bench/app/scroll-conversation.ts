import type { CDPSession, Page } from '@playwright/test';
import { analyzeTrace, traceDuring } from '../render/trace';

/**
 * "Scroll a 10,000-message conversation from bottom to top" (issue 19): real wheel input (CDP
 * `Input.dispatchMouseEvent`, type mouseWheel, at the list's centre, as a mouse or trackpad sends
 * it) at a steady pace, from the bottom until the first message is on screen. Older pages load as
 * the top of what is loaded is reached; the wheel keeps turning meanwhile, as a person's would.
 *
 * Measured in the page: every requestAnimationFrame delta (a frame the page could not produce in
 * time shows as a delta of two frames or more), and each frame the message at the top of the view;
 * scrolling up, that message can only move to an earlier one, so a later one is a jump (the view
 * was thrown when a page was prepended or a row's real height replaced its estimate). From a Chrome
 * trace: the longest main-thread task.
 */

const MARKER = 'scroll-bench';
const TIMEOUT_MS = 240_000;

export interface ScrollOptions {
  /** The scrolling element. */
  scroller: string;
  /** Pixels per wheel event (one notch of a fast wheel is 100–120 px; a trackpad fling sends many). */
  deltaPx: number;
  /** Wheel events per second. */
  eventsPerSecond: number;
}

export interface ScrollFigures {
  frames: number[];
  reachedFirst: boolean;
  jumps: number;
  wheelEvents: number;
  durationMs: number;
  longestTaskMs: number;
  longTasks: number;
}

function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] ?? Number.NaN;
}

export function frameSummary(frames: readonly number[]): { p50: number; p95: number; max: number } {
  return { p50: percentile(frames, 50), p95: percentile(frames, 95), max: Math.max(0, ...frames) };
}

/** True once the scroller is at its top and the first message ("Question 0: …") is inside its view. */
async function firstMessageShown(page: Page, scroller: string): Promise<boolean> {
  return page.evaluate((selector) => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) throw new Error(`no ${selector}`);
    if (el.scrollTop > 0) return false;
    const view = el.getBoundingClientRect();
    return [...el.querySelectorAll('p')].some((p) => {
      if (!p.textContent?.startsWith('Question 0:')) return false;
      const r = p.getBoundingClientRect();
      return r.bottom > view.top && r.top < view.bottom;
    });
  }, scroller);
}

export async function scrollToFirstMessage(
  page: Page,
  cdp: CDPSession,
  opts: ScrollOptions,
): Promise<ScrollFigures> {
  const box = await page.locator(opts.scroller).boundingBox();
  if (!box) throw new Error('the scroller is not laid out');
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.evaluate(
    ({ selector, marker }) => {
      const scroller = document.querySelector<HTMLElement>(selector);
      if (!scroller) throw new Error(`no ${selector}`);
      const state = { frames: [] as number[], jumps: 0, running: true };
      (window as unknown as { __scrollBench: typeof state }).__scrollBench = state;
      let last = -1;
      let previousTop: number | null = null;
      const tick = (t: number) => {
        if (last >= 0) state.frames.push(t - last);
        last = t;
        const view = scroller.getBoundingClientRect();
        const row = document
          .elementFromPoint(view.left + view.width / 2, view.top + 4)
          ?.closest<HTMLElement>('[data-index]');
        // Each message's text carries its number in the conversation.
        const number = /(?:Question |answer for )(\d+)/.exec(row?.textContent ?? '')?.[1];
        if (number !== undefined) {
          const index = Number(number);
          if (previousTop !== null && index > previousTop) state.jumps++;
          previousTop = index;
        }
        if (state.running) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      console.timeStamp(marker);
    },
    { selector: opts.scroller, marker: MARKER },
  );

  const interval = 1000 / opts.eventsPerSecond;
  const t0 = performance.now();
  let wheelEvents = 0;
  let reachedFirst = false;
  const { events } = await traceDuring(cdp, async () => {
    while (!reachedFirst && performance.now() - t0 < TIMEOUT_MS) {
      const due = t0 + wheelEvents * interval;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      await cdp.send('Input.dispatchMouseEvent', {
        type: 'mouseWheel',
        x,
        y,
        deltaX: 0,
        deltaY: -opts.deltaPx,
      });
      wheelEvents++;
      if (wheelEvents % 20 === 0) reachedFirst = await firstMessageShown(page, opts.scroller);
    }
    await page.evaluate((marker) => console.timeStamp(marker), MARKER);
  });
  const durationMs = performance.now() - t0;
  const { frames, jumps } = await page.evaluate(() => {
    const state = (
      window as unknown as { __scrollBench: { frames: number[]; jumps: number; running: boolean } }
    ).__scrollBench;
    state.running = false;
    return { frames: state.frames, jumps: state.jumps };
  });
  const trace = analyzeTrace(events, MARKER);
  return {
    frames,
    reachedFirst,
    jumps,
    wheelEvents,
    durationMs,
    longestTaskMs: trace.longestTaskWall,
    longTasks: trace.longTasksWall.length,
  };
}

/** The baseline: the same messages as plain text, every one in the DOM, in a scroller of the app's size. */
export async function plainTextList(
  page: Page,
  texts: readonly string[],
  size: { width: number; height: number },
) {
  await page.evaluate(
    ({ all, width, height }) => {
      const scroller = document.createElement('div');
      scroller.className = 'plain-list';
      scroller.style.cssText = `width:${width}px;height:${height}px;overflow:auto;font:16px/1.5 sans-serif`;
      all.forEach((text, i) => {
        const article = document.createElement('article');
        article.dataset.index = String(i);
        article.style.padding = '8px 16px';
        for (const para of text.split('\n\n')) {
          const p = document.createElement('p');
          p.textContent = para;
          article.append(p);
        }
        scroller.append(article);
      });
      document.body.style.margin = '0';
      document.body.append(scroller);
      scroller.scrollTop = scroller.scrollHeight;
    },
    { all: [...texts], ...size },
  );
}
