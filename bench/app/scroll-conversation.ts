import type { CDPSession, Page } from '@playwright/test';
import type { TraceEvent } from '../render/trace';

/**
 * "Scroll a 10,000-message conversation from bottom to top" (issue 19): real wheel input at the
 * list's centre (CDP `Input.synthesizeScrollGesture` with a mouse source: the browser itself sends
 * the wheel events, paced by its frames) at a steady speed, from the bottom until the first message
 * is on screen. Older pages load as
 * the top of what is loaded is reached; the wheel keeps turning meanwhile, as a person's would.
 *
 * Measured in the page: every requestAnimationFrame delta (a frame the page could not produce in
 * time shows as a delta of two frames or more), and each frame the message at the top of the view;
 * scrolling up, that message can only move to an earlier one, so a later one is a jump (the view
 * was thrown when a page was prepended or a row's real height replaced its estimate). From a Chrome
 * trace: the longest main-thread task. The trace is kept in the browser until the scroll ends
 * (ReturnAsStream): streamed as it is recorded, the events kept this Node process busy — the one
 * that also answers the page's requests for older pages as main.
 */

const MARKER = 'scroll-bench';
const TIMEOUT_MS = 600_000;

export interface ScrollOptions {
  /** The scrolling element. */
  scroller: string;
  /** Scrolling speed; each gesture lasts a second. */
  speedPxPerSecond: number;
}

export interface ScrollFigures {
  frames: number[];
  reachedFirst: boolean;
  jumps: number;
  gestures: number;
  durationMs: number;
  /** Wall time: what the person waits. */
  longestTaskMs: number;
  longTasks: number;
  /** Thread time: the page's own work. */
  longestTaskCpuMs: number;
  longTasksCpu: number;
}

function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((s.length * p) / 100))] ?? Number.NaN;
}

export function frameSummary(frames: readonly number[]): { p50: number; p95: number; max: number } {
  return { p50: percentile(frames, 50), p95: percentile(frames, 95), max: Math.max(0, ...frames) };
}

/** Ends the trace and reads it back from the browser. */
async function endTrace(cdp: CDPSession): Promise<TraceEvent[]> {
  const complete = new Promise<string>((resolve) =>
    cdp.once('Tracing.tracingComplete', (e: { stream?: string }) => resolve(e.stream ?? '')),
  );
  await cdp.send('Tracing.end');
  const handle = await complete;
  let text = '';
  for (;;) {
    const chunk = (await cdp.send('IO.read', { handle })) as {
      data: string;
      eof: boolean;
      base64Encoded?: boolean;
    };
    text += chunk.base64Encoded ? Buffer.from(chunk.data, 'base64').toString('utf8') : chunk.data;
    if (chunk.eof) break;
  }
  await cdp.send('IO.close', { handle });
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  return Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
}

/**
 * Each task on the page's main thread (the thread of its performance marks) between the marks: wall
 * time, and thread (CPU) time, which leaves out the time the thread waited for a core — on a shared,
 * loaded machine most of a long task's wall time.
 */
function mainThreadTasks(events: readonly TraceEvent[], marker: string): { wall: number; cpu: number }[] {
  const marks = events.filter((e) => e.name === `${marker}-start` || e.name === `${marker}-end`);
  const start = marks.find((e) => e.name === `${marker}-start`);
  const end = marks.find((e) => e.name === `${marker}-end`);
  if (!start || !end) throw new Error('the trace has no marks from the page');
  return events
    .filter(
      (e) =>
        (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') &&
        e.ph === 'X' &&
        e.pid === start.pid &&
        e.tid === start.tid &&
        e.ts + (e.dur ?? 0) >= start.ts &&
        e.ts <= end.ts,
    )
    .map((e) => ({ wall: (e.dur ?? 0) / 1000, cpu: (e.tdur ?? 0) / 1000 }));
}

/** True once the scroller is at its top and the first message ("Question 0: …") is inside its view. */
async function firstMessageShown(page: Page, scroller: string): Promise<boolean> {
  return page.evaluate((selector) => {
    const el = document.querySelector<HTMLElement>(selector);
    if (!el) throw new Error(`no ${selector}`);
    if (el.scrollTop > 1) return false;
    const view = el.getBoundingClientRect();
    return [...el.querySelectorAll('[data-index]')].some((row) => {
      if (!row.textContent?.includes('Question 0:')) return false;
      const r = row.getBoundingClientRect();
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
    ({ selector }) => {
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
    },
    { selector: opts.scroller },
  );

  const t0 = performance.now();
  let gestures = 0;
  let reachedFirst = false;
  await cdp.send('Tracing.start', {
    categories: 'toplevel,blink.user_timing',
    transferMode: 'ReturnAsStream',
  });
  await page.evaluate((marker) => performance.mark(`${marker}-start`), MARKER);
  while (!reachedFirst && performance.now() - t0 < TIMEOUT_MS) {
    // The browser sends the wheel events itself, paced by its frames (no round trip per event).
    await cdp.send('Input.synthesizeScrollGesture', {
      x,
      y,
      yDistance: opts.speedPxPerSecond, // positive: towards the top
      speed: opts.speedPxPerSecond,
      gestureSourceType: 'mouse',
      preventFling: true,
    });
    gestures++;
    reachedFirst = await firstMessageShown(page, opts.scroller);
    if (process.env.BENCH_VERBOSE) {
      const top = await page.evaluate(
        (selector) =>
          document.querySelector(selector)?.querySelector('[data-index]')?.textContent?.slice(0, 30),
        opts.scroller,
      );
      process.stderr.write(`${((performance.now() - t0) / 1000).toFixed(1)} s: ${top}\n`);
    }
  }
  await page.evaluate((marker) => performance.mark(`${marker}-end`), MARKER);
  const events = await endTrace(cdp);
  const durationMs = performance.now() - t0;
  const { frames, jumps } = await page.evaluate(() => {
    const state = (
      window as unknown as { __scrollBench: { frames: number[]; jumps: number; running: boolean } }
    ).__scrollBench;
    state.running = false;
    return { frames: state.frames, jumps: state.jumps };
  });
  const tasks = mainThreadTasks(events, MARKER);
  return {
    frames,
    reachedFirst,
    jumps,
    gestures,
    durationMs,
    longestTaskMs: Math.max(0, ...tasks.map((t) => t.wall)),
    longTasks: tasks.filter((t) => t.wall > 50).length,
    longestTaskCpuMs: Math.max(0, ...tasks.map((t) => t.cpu)),
    longTasksCpu: tasks.filter((t) => t.cpu > 50).length,
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
