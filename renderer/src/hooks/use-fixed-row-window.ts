import { type UIEvent, useCallback, useLayoutEffect, useRef, useState } from 'react';

/** Used until the scroller has been measured (and in jsdom, which has no layout). */
const FALLBACK_VIEWPORT_PX = 480;

/**
 * Windowing for a list of fixed-height rows: only the rows in view (plus a margin) are rendered,
 * so a list of hundreds of models stays as cheap as a list of twenty.
 */
export function useFixedRowWindow(opts: { count: number; rowHeight: number; overscan?: number }) {
  const { count, rowHeight, overscan = 4 } = opts;
  const scrollerRef = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const scrollTopRef = useRef(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT_PX);

  useLayoutEffect(() => {
    const el = scrollerRef.current;
    if (!el) return;
    const measure = () => setViewport(el.clientHeight > 0 ? el.clientHeight : FALLBACK_VIEWPORT_PX);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const moveTo = useCallback((top: number) => {
    scrollTopRef.current = top;
    setScrollTop(top);
  }, []);

  const onScroll = useCallback((e: UIEvent<HTMLElement>) => moveTo(e.currentTarget.scrollTop), [moveTo]);

  /** Scrolls just enough to show row `index`; the window follows even where layout is not real. */
  const scrollToIndex = useCallback(
    (index: number) => {
      const current = scrollTopRef.current;
      const top = index * rowHeight;
      let next = current;
      if (top < current) next = top;
      else if (top + rowHeight > current + viewport) next = top + rowHeight - viewport;
      if (next === current) return;
      if (scrollerRef.current) scrollerRef.current.scrollTop = next;
      moveTo(next);
    },
    [rowHeight, viewport, moveTo],
  );

  const resetScroll = useCallback(() => {
    if (scrollerRef.current) scrollerRef.current.scrollTop = 0;
    moveTo(0);
  }, [moveTo]);

  const start = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const end = Math.min(count, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { scrollerRef, onScroll, start, end, totalHeight: count * rowHeight, scrollToIndex, resetScroll };
}
