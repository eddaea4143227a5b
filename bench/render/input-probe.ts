import type { InputDelays } from './protocol';

/**
 * A textarea fixed in a corner of the benchmark page, which run.ts types into while a reply
 * streams: each keydown records how long it waited for the main thread (see InputDelays).
 */
export function createInputProbe(): { delays(): InputDelays; clear(): void } {
  const textarea = document.createElement('textarea');
  textarea.setAttribute('aria-label', 'Input probe');
  Object.assign(textarea.style, {
    position: 'fixed',
    right: '8px',
    bottom: '8px',
    width: '160px',
    height: '40px',
  });
  document.body.append(textarea);
  let handler: number[] = [];
  let nextFrame: number[] = [];
  let slowEvents: number[] = [];
  textarea.addEventListener('keydown', (event) => {
    const start = event.timeStamp;
    handler.push(performance.now() - start);
    requestAnimationFrame(() => nextFrame.push(performance.now() - start));
    // Keep the probe's own text (and its layout) from growing through the run.
    if (textarea.value.length > 200) textarea.value = '';
  });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (['keydown', 'keypress', 'input'].includes(entry.name)) slowEvents.push(entry.duration);
    }
  }).observe({ type: 'event', durationThreshold: 16 } as PerformanceObserverInit);
  return {
    delays: () => ({ handler, nextFrame, slowEvents }),
    clear: () => {
      handler = [];
      nextFrame = [];
      slowEvents = [];
    },
  };
}
