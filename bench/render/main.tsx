// Benchmark page: streams tokens into either the incremental MarkdownView or a
// naive renderer that re-parses the whole message on every update. Written
// with createElement because tsconfig.e2e.json (which checks bench/) has no JSX.
import { AppIntlProvider } from 'bench-intl';
import { MarkdownView, StaticMarkdown } from 'bench-markdown';
import { createElement, type JSX, useLayoutEffect, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import { COLUMN_FRAME_BUDGET_MS, COLUMNS_PER_FRAME } from '../../renderer/src/state/compare-store';
import { createFramePacer } from '../../renderer/src/state/frame-pacer';
import { MemoizedBlocks, StreamdownReply } from './baselines';
import { createInputProbe } from './input-probe';
import {
  type BenchApi,
  type BenchResults,
  COMPARE_COLUMNS,
  type RendererKind,
  type UpdateSample,
} from './protocol';

declare global {
  interface Window {
    __bench: BenchApi;
  }
}

interface Message {
  readonly text: string;
  readonly streaming: boolean;
}

const requested = new URLSearchParams(location.search).get('renderer');
const KINDS: readonly RendererKind[] = ['incremental', 'naive', 'memoized', 'streamdown', 'plain', 'compare'];
const renderer: RendererKind = KINDS.find((kind) => kind === requested) ?? 'incremental';
const noop = (): void => {};
/** Each mounted message's setter: one, or one per Compare column. */
const setters: ((message: Message) => void)[] = [];

/**
 * The floor: the browser's own cost of showing this stream with no Markdown and no framework. The text
 * goes straight into the DOM, one pre-wrapped block per paragraph (split at blank lines); a frame appends
 * its new characters to the last block's text node (`appendData`) and opens a block at each blank line,
 * so the browser re-lays out and repaints one growing block a frame, as little as any renderer can.
 */
function PlainText({ source }: { source: string }): JSX.Element {
  const host = useRef<HTMLDivElement>(null);
  const shown = useRef({ length: 0, text: null as Text | null, pending: '' });
  useLayoutEffect(() => {
    const element = host.current;
    if (element === null) return;
    const state = shown.current;
    if (source.length < state.length) {
      element.replaceChildren();
      Object.assign(state, { length: 0, text: null, pending: '' });
    }
    // Blank-line runs may be cut across frames: hold trailing newlines until the next characters arrive.
    const added = state.pending + source.slice(state.length);
    state.length = source.length;
    const trailing = /\n*$/.exec(added)?.[0].length ?? 0;
    state.pending = added.slice(added.length - trailing);
    const parts = added.slice(0, added.length - trailing).split(/\n\n+/);
    for (const [i, part] of parts.entries()) {
      if (i > 0 || state.text === null) {
        const block = document.createElement('div');
        block.style.cssText = 'white-space: pre-wrap; margin: 0 0 1em';
        state.text = block.appendChild(document.createTextNode(''));
        element.appendChild(block);
      }
      state.text.appendData(part);
    }
  }, [source]);
  return createElement('div', { ref: host });
}

function Reply({ column }: { column: number }): JSX.Element {
  const [message, setState] = useState<Message>({ text: '', streaming: false });
  useLayoutEffect(() => {
    setters[column] = setState;
    return () => {
      setters.length = 0;
    };
  }, [column]);
  switch (renderer) {
    case 'naive':
      return createElement(StaticMarkdown, { source: message.text, onLinkClick: noop });
    case 'memoized':
      return createElement(MemoizedBlocks, { source: message.text });
    case 'streamdown':
      return createElement(StreamdownReply, { source: message.text, streaming: message.streaming });
    case 'plain':
      return createElement(PlainText, { source: message.text });
    default:
      return createElement(MarkdownView, {
        source: message.text,
        streaming: message.streaming,
        onLinkClick: noop,
      });
  }
}

/**
 * The Compare case lays the four replies out as the Compare view does (compare.css: equal grid
 * columns, each scrolling on its own), so layout work per frame is that of four narrow columns.
 */
function App(): JSX.Element {
  if (renderer !== 'compare')
    // One message row as the message list lays it out (messages.css .message-row: 780px wide at most,
    // centred, 10px 24px padding) inside the scroller (see `scroller` below).
    return createElement(
      'div',
      { style: { maxWidth: '780px', margin: '0 auto', padding: '10px 24px' } },
      createElement(Reply, { column: 0 }),
    );
  return createElement(
    'div',
    {
      style: {
        display: 'grid',
        gridAutoFlow: 'column',
        gridAutoColumns: 'minmax(0, 1fr)',
        gap: '1px',
        height: '860px',
      },
    },
    Array.from({ length: COMPARE_COLUMNS }, (_, column) =>
      createElement(
        'section',
        { key: column, style: { minWidth: 0, overflowY: 'auto', padding: '12px 14px' } },
        createElement(Reply, { column }),
      ),
    ),
  );
}

const container = document.getElementById('root');
if (container === null) throw new Error('missing #root');
/**
 * A single reply streams into a scroller of the app's size that sticks to the bottom on every update,
 * as the message list does (hooks/use-bottom-anchored-window.ts keeps a pinned list at its end): the tail is on screen and the settled
 * start of a long reply scrolls off the top, so every renderer's off-screen work is measured as in the
 * app. 640px is the message list's height in the default 1200×820 window (window-options.ts) less the
 * header and composer. The Compare case keeps its own scrolling columns. The browser's scroll anchoring
 * is off, as on the message list (message-list.tsx SCROLLER_STYLE: its window keeps the view in place
 * itself); left on, Chromium looked for an anchor node on every update of this page, which the app
 * never does.
 */
const scroller: HTMLElement | null = renderer === 'compare' ? null : container;
if (scroller !== null)
  Object.assign(scroller.style, {
    display: 'block',
    height: '640px',
    overflowY: 'auto',
    overflowAnchor: 'none',
  });
let root: Root = mount();
let results: BenchResults | null = null;
const cspViolations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});

function mount(): Root {
  const next = createRoot(container as HTMLElement);
  // Under the English catalogs, as the app renders messages (code blocks' "Copy code" comes from them).
  flushSync(() => next.render(createElement(AppIntlProvider, { locale: 'en' }, createElement(App))));
  return next;
}

// Compare: the columns are drawn as the app's Compare store draws them, at most COLUMNS_PER_FRAME a
// frame through the same pacer (run by hand inside the timed frame), each as its own commit.
let latest: readonly Message[] = [];
const pacer = createFramePacer({
  perFrame: COLUMNS_PER_FRAME,
  budgetMs: COLUMN_FRAME_BUDGET_MS,
  publish: (key) => {
    const column = Number(key);
    const message = latest[column];
    const setMessage = setters[column];
    if (message && setMessage) flushSync(() => setMessage(message));
  },
});

function update(messages: readonly Message[]): void {
  // flushSync renders and commits inside this frame's callback so its cost can be timed.
  latest = messages;
  for (const column of messages.keys()) pacer.mark(String(column));
  // The last update (the stream ended) is drawn at once in every column, as the app does.
  if (messages.some((m) => !m.streaming)) pacer.flushAll();
  else pacer.runFrame();
  // Reading layout forces the style/layout the update caused into the measurement. A single reply then
  // follows its end as the app does (the app scrolls in the next frame, after React's commit; here the
  // commit is synchronous, so the same frame).
  if (scroller !== null) scroller.scrollTop = scroller.scrollHeight;
  else container?.getBoundingClientRect();
}

function start(streams: string[][], tps: number, maxWallMs = Number.POSITIVE_INFINITY): Promise<void> {
  const tokens = streams[0] ?? [];
  const samples: UpdateSample[] = [];
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  return new Promise((resolve) => {
    const texts = streams.map(() => '');
    let appended = 0;
    const startedAt = performance.now();
    const finish = (finished: boolean): void => {
      // Let the last long-task entries arrive before reporting.
      setTimeout(() => {
        observer.disconnect();
        results = {
          renderer,
          samples,
          longTasks,
          tokensRendered: appended,
          finished,
          wallMs: performance.now() - startedAt,
          cspViolations: [...cspViolations],
        };
        resolve();
      }, 300);
    };
    // Tokens are cut into per-frame updates as a 60 Hz display would see them at
    // `tps`: every renderer gets the identical sequence of updates, so their costs
    // compare update for update. A renderer slower than a frame stretches the
    // stream instead of batching more tokens per update.
    const perFrame = tps / 60;
    let frameIndex = 0;
    const frame = (): void => {
      frameIndex += 1;
      const due = Math.min(tokens.length, Math.round(frameIndex * perFrame));
      if (due > appended) {
        const first = appended;
        for (const [column, stream] of streams.entries()) texts[column] += stream.slice(first, due).join('');
        appended = due;
        // Marks the update in a performance trace so the driver can read its CPU time.
        console.timeStamp('bench-update');
        const before = performance.now();
        update(texts.map((text) => ({ text, streaming: appended < tokens.length })));
        samples.push({ first, count: appended - first, work: performance.now() - before });
      }
      if (appended >= tokens.length) finish(true);
      else if (performance.now() - startedAt > maxWallMs) finish(false);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

const inputProbe = new URLSearchParams(location.search).get('input') === '1' ? createInputProbe() : null;

window.__bench = {
  start,
  results: () => results,
  inputDelays: () => inputProbe?.delays() ?? { handler: [], nextFrame: [], slowEvents: [] },
  reset: () => {
    root.unmount();
    root = mount();
    results = null;
    inputProbe?.clear();
  },
};
document.title = `ready:${renderer}`;
