import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { rowAt, rowStarts, rowsBetween } from './row-offsets';

/** Until a row is measured: the average of the rows measured so far, or this. */
const FIRST_ESTIMATE_PX = 160;
/** Rows rendered beyond the view, so a scroll shows rows already laid out. */
const OVERSCAN_ABOVE_PX = 400;
const OVERSCAN_BELOW_PX = 200;
/** Within this distance of the end, the list counts as "at the bottom" (and follows new output). */
const BOTTOM_SLACK_PX = 48;
/** Older messages are asked for while the view is within this distance of the top. */
const NEAR_TOP_PX = 1200;
/** Used until the scroller has been measured (and in jsdom, which has no layout). */
const FALLBACK_VIEWPORT_PX = 800;

/** The row at the top of the view and where its top is, relative to the view's top (≤ 0). */
interface Anchor {
  id: string;
  offset: number;
}

/** What a render shows: pinned to the end, or the rows around an anchor. */
type View = { pinned: true } | { pinned: false; anchor: Anchor };

export interface BottomAnchoredWindow {
  /** For the scrolling element. */
  scrollerRef: (el: HTMLDivElement | null) => void;
  onScroll: () => void;
  /** The rows to render, [start, end) of `ids`, and the space the others stand for. */
  start: number;
  end: number;
  spaceAbove: number;
  spaceBelow: number;
  /** Each rendered row's element goes through this, with `data-message-id` set, to be measured. */
  observe: (el: HTMLElement) => () => void;
  atBottom: boolean;
  jumpToLatest: () => void;
}

/**
 * Windowing for a conversation: rows of any height, opened at the end, older rows prepended as the
 * person scrolls up. Only the rows in view (and a margin) are in the DOM; the rest are two spacers
 * sized from the heights measured so far.
 *
 * The view is held by an anchor — the message at the top of the view and its offset — not by a
 * scroll position, so nothing moves under the person when rows above change: a page of older
 * messages is prepended, a row's real height replaces its estimate, or rows move between the DOM
 * and the spacers. After every such change, before the frame is painted (a layout effect, or the
 * ResizeObserver callback, which runs between layout and paint), the scroll position is corrected
 * so the anchor sits where it was. The browser's own scroll anchoring is turned off on the scroller
 * so the two never both correct. At the end ("pinned"), the list stays at the end instead: as the
 * last reply grows and when messages are added.
 *
 * Opening shows the last rows in the very first frame: they are rendered in the first render and
 * the scroller is moved to its end in the layout effect, before the first paint.
 */
export function useBottomAnchoredWindow(opts: {
  ids: readonly string[];
  /** Asked when the view nears the top of the loaded rows (the caller ignores repeats). */
  onNearTop: () => void;
}): BottomAnchoredWindow {
  const { ids, onNearTop } = opts;
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const heights = useRef(new Map<string, number>());
  const [measured, setMeasured] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT_PX);
  // The live view, updated on every scroll event; a render is asked for only when it needs other rows.
  const live = useRef<View>({ pinned: true });
  const [, rerender] = useState(0);
  const [atBottom, setAtBottom] = useState(true);
  const previousTop = useRef(0);
  const nearTop = useRef(onNearTop);
  nearTop.current = onNearTop;

  const estimate = useCallback(() => {
    const map = heights.current;
    if (map.size === 0) return FIRST_ESTIMATE_PX;
    let sum = 0;
    for (const h of map.values()) sum += h;
    return sum / map.size;
  }, []);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `measured` changes when the heights (a ref) do
  const starts = useMemo(() => {
    const guess = estimate();
    return rowStarts(ids, (id) => heights.current.get(id) ?? guess);
  }, [ids, measured, estimate]);
  const indexOf = useMemo(() => new Map(ids.map((id, i) => [id, i])), [ids]);

  const rangeFor = useCallback(
    (v: View) => {
      const count = ids.length;
      const total = starts[count] ?? 0;
      let top: number;
      const anchorIndex = v.pinned ? undefined : indexOf.get(v.anchor.id);
      if (v.pinned || anchorIndex === undefined) top = Math.max(0, total - viewport);
      else top = (starts[anchorIndex] ?? 0) - v.anchor.offset;
      return rowsBetween(starts, top - OVERSCAN_ABOVE_PX, top + viewport + OVERSCAN_BELOW_PX);
    },
    [ids, starts, indexOf, viewport],
  );
  const { start, end } = rangeFor(live.current);
  const rendered = useRef({ start, end, starts, ids });
  rendered.current = { start, end, starts, ids };

  /** Reads the anchor from the DOM: the first rendered row whose bottom is below the view's top. */
  const readAnchor = useCallback((el: HTMLElement): Anchor | null => {
    const { start: first, starts: at, ids: shown } = rendered.current;
    const viewTop = el.getBoundingClientRect().top;
    const rows = el.querySelectorAll<HTMLElement>('[data-message-id]');
    const firstRow = rows[0];
    const lastRow = rows[rows.length - 1];
    if (!firstRow || !lastRow) return null;
    for (const row of rows) {
      const box = row.getBoundingClientRect();
      if (box.bottom > viewTop) {
        if (box.top > viewTop && row === firstRow) break; // the view is above the rendered rows
        return { id: row.dataset.messageId ?? '', offset: box.top - viewTop };
      }
    }
    // The view is in a spacer (a jump by the scrollbar): the spacers measure exactly the rows they
    // stand for, so the position follows from the nearest rendered row.
    const above = firstRow.getBoundingClientRect().top > viewTop;
    const refIndex = above ? first : first + rows.length;
    const refY = above ? firstRow.getBoundingClientRect().top : lastRow.getBoundingClientRect().bottom;
    const y = (at[refIndex] ?? 0) + (viewTop - refY);
    const index = rowAt(at, y);
    const id = shown[index];
    return id === undefined ? null : { id, offset: (at[index] ?? 0) - y };
  }, []);

  /** Puts the view back where `live` says, before the frame is painted. */
  const restore = useCallback((el: HTMLElement) => {
    const v = live.current;
    if (v.pinned) {
      const bottom = el.scrollHeight - el.clientHeight;
      if (Math.abs(el.scrollTop - bottom) >= 1) el.scrollTop = bottom;
      previousTop.current = el.scrollTop;
      return;
    }
    const row = el.querySelector<HTMLElement>(`[data-message-id="${CSS.escape(v.anchor.id)}"]`);
    if (!row) return;
    const offset = row.getBoundingClientRect().top - el.getBoundingClientRect().top;
    const delta = offset - v.anchor.offset;
    if (Math.abs(delta) >= 1) el.scrollTop += delta;
    previousTop.current = el.scrollTop;
  }, []);

  const maybeLoadOlder = useCallback((el: HTMLElement) => {
    // No layout (jsdom): no way to tell where the view is, so nothing is loaded on its own.
    if (el.clientHeight === 0) return;
    if (rendered.current.start === 0 && el.scrollTop < NEAR_TOP_PX) nearTop.current();
  }, []);

  /** Renders again if `v` needs other rows than those rendered. */
  const showIfMoved = useCallback(
    (v: View) => {
      const next = rangeFor(v);
      const { start: s, end: e } = rendered.current;
      if (next.start !== s || next.end !== e) rerender((n) => n + 1);
    },
    [rangeFor],
  );

  const onScroll = useCallback(() => {
    const el = scroller;
    if (!el) return;
    const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
    // Away from the end only by scrolling up: content growing below never unpins the view.
    const scrolledUp = el.scrollTop < previousTop.current - 0.5;
    previousTop.current = el.scrollTop;
    const bottom = distance <= BOTTOM_SLACK_PX;
    setAtBottom(bottom);
    if (bottom) live.current = { pinned: true };
    else if (!live.current.pinned || scrolledUp) {
      const anchor = readAnchor(el);
      if (anchor) live.current = { pinned: false, anchor };
    }
    showIfMoved(live.current);
    maybeLoadOlder(el);
  }, [scroller, readAnchor, showIfMoved, maybeLoadOlder]);

  // After every render: the view back in place (rows were added, removed or swapped for spacers).
  useLayoutEffect(() => {
    if (!scroller) return;
    restore(scroller);
    maybeLoadOlder(scroller);
  });

  // The scroller's size: the window covers what it shows.
  useLayoutEffect(() => {
    if (!scroller) return;
    const measure = () =>
      setViewport(scroller.clientHeight > 0 ? scroller.clientHeight : FALLBACK_VIEWPORT_PX);
    measure();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(measure);
    observer.observe(scroller);
    return () => observer.disconnect();
  }, [scroller]);

  // One observer for every rendered row: a row's real height replaces its estimate, and the view
  // is corrected in the same frame.
  const rowObserver = useMemo(() => {
    if (typeof ResizeObserver === 'undefined' || !scroller) return null;
    return new ResizeObserver((entries) => {
      let changed = false;
      for (const entry of entries) {
        const id = (entry.target as HTMLElement).dataset.messageId;
        const height = entry.borderBoxSize?.[0]?.blockSize ?? (entry.target as HTMLElement).offsetHeight;
        if (id === undefined || height === 0) continue;
        if (heights.current.get(id) !== height) {
          heights.current.set(id, height);
          changed = true;
        }
      }
      if (!changed) return;
      restore(scroller);
      setMeasured((n) => n + 1);
    });
  }, [scroller, restore]);
  useLayoutEffect(() => () => rowObserver?.disconnect(), [rowObserver]);

  const observe = useCallback(
    (el: HTMLElement) => {
      rowObserver?.observe(el);
      return () => rowObserver?.unobserve(el);
    },
    [rowObserver],
  );

  const jumpToLatest = useCallback(() => {
    live.current = { pinned: true };
    rerender((n) => n + 1);
    setAtBottom(true);
    if (scroller) restore(scroller);
  }, [scroller, restore]);

  // Rows measured since the last render may need a different window (say, far shorter than guessed).
  // biome-ignore lint/correctness/useExhaustiveDependencies: re-checked when the heights change
  useLayoutEffect(() => {
    showIfMoved(live.current);
  }, [measured, viewport, showIfMoved]);

  return {
    scrollerRef: setScroller,
    onScroll,
    start,
    end,
    spaceAbove: starts[start] ?? 0,
    spaceBelow: (starts[ids.length] ?? 0) - (starts[end] ?? 0),
    observe,
    atBottom,
    jumpToLatest,
  };
}
