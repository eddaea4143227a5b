// Benchmark page: streams tokens into either the incremental MarkdownView or a
// naive renderer that re-parses the whole message on every update. Written
// with createElement because tsconfig.e2e.json (which checks bench/) has no JSX.
import { MarkdownView, StaticMarkdown } from 'bench-markdown';
import { createElement, type JSX, useLayoutEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';
import type { BenchApi, BenchResults, RendererKind, UpdateSample } from './protocol';

declare global {
  interface Window {
    __bench: BenchApi;
  }
}

interface Message {
  readonly text: string;
  readonly streaming: boolean;
}

const renderer: RendererKind =
  new URLSearchParams(location.search).get('renderer') === 'naive' ? 'naive' : 'incremental';
const noop = (): void => {};
let setMessage: ((message: Message) => void) | null = null;

function App(): JSX.Element {
  const [message, setState] = useState<Message>({ text: '', streaming: false });
  useLayoutEffect(() => {
    setMessage = setState;
    return () => {
      setMessage = null;
    };
  }, []);
  return renderer === 'naive'
    ? createElement(StaticMarkdown, { source: message.text, onLinkClick: noop })
    : createElement(MarkdownView, { source: message.text, streaming: message.streaming, onLinkClick: noop });
}

const container = document.getElementById('root');
if (container === null) throw new Error('missing #root');
let root: Root = mount();
let results: BenchResults | null = null;
const cspViolations: string[] = [];
document.addEventListener('securitypolicyviolation', (event) => {
  cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
});

function mount(): Root {
  const next = createRoot(container as HTMLElement);
  flushSync(() => next.render(createElement(App)));
  return next;
}

function update(message: Message): void {
  // flushSync renders and commits inside this frame's callback so its cost can be timed.
  flushSync(() => setMessage?.(message));
  // Reading layout forces the style/layout the update caused into the measurement.
  container?.getBoundingClientRect();
}

function start(tokens: string[], tps: number, maxWallMs = Number.POSITIVE_INFINITY): Promise<void> {
  const samples: UpdateSample[] = [];
  const longTasks: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push(entry.duration);
  });
  observer.observe({ type: 'longtask' });
  return new Promise((resolve) => {
    let text = '';
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
        while (appended < due) text += tokens[appended++];
        // Marks the update in a performance trace so the driver can read its CPU time.
        console.timeStamp('bench-update');
        const before = performance.now();
        update({ text, streaming: appended < tokens.length });
        samples.push({ first, count: appended - first, work: performance.now() - before });
      }
      if (appended >= tokens.length) finish(true);
      else if (performance.now() - startedAt > maxWallMs) finish(false);
      else requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

window.__bench = {
  start,
  results: () => results,
  reset: () => {
    root.unmount();
    root = mount();
    results = null;
  },
};
document.title = `ready:${renderer}`;
