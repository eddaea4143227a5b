import { useCallback, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { rowAt, rowStarts, rowsBetween } from './row-offsets';

/** Until a row is measured: the mean of the rows' first measured heights, or this. */
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
/** Spacer heights closer than this to those rendered are left as they are (float sums differ in the last bits). */
const SPACER_TOLERANCE_PX = 0.01;
/** A scroll this soon after wheel, touch, pointer or key input counts as the person's. */
const INPUT_INTENT_MS = 1000;

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
  // The guess for rows not measured yet: the mean of each row's first measured height. Only first
  // measurements count, so a streaming reply growing leaves the guess, and the spacers, as they are.
  const firstHeights = useRef({ sum: 0, count: 0 });
  // Bumped whenever a height changes; the row offsets are recomputed from it (see `startsOf`).
  const heightsVersion = useRef(0);
  const layout = useRef<{ ids: readonly string[]; version: number; starts: Float64Array } | null>(null);
  // A render is asked for only when measured heights change what is rendered (rows or spacers).
  const [measured, setMeasured] = useState(0);
  const [viewport, setViewport] = useState(FALLBACK_VIEWPORT_PX);
  // The live view, updated on every scroll event; a render is asked for only when it needs other rows.
  const live = useRef<View>({ pinned: true });
  const [, rerender] = useState(0);
  const [atBottom, setAtBottom] = useState(true);
  const previousTop = useRef(0);
  const lastInput = useRef(Number.NEGATIVE_INFINITY);
  const nearTop = useRef(onNearTop);
  nearTop.current = onNearTop;

  /**
   * Where each row starts, from the latest heights. The row observer reads it too, between renders
   * (a height change that alters nothing rendered asks for no render), so it is cached by version.
   */
  const startsOf = useCallback((of: readonly string[]) => {
    const cached = layout.current;
    if (cached && cached.ids === of && cached.version === heightsVersion.current) return cached.starts;
    const { sum, count } = firstHeights.current;
    const guess = count === 0 ? FIRST_ESTIMATE_PX : sum / count;
    const starts = rowStarts(of, (id) => heights.current.get(id) ?? guess);
    layout.current = { ids: of, version: heightsVersion.current, starts };
    return starts;
  }, []);
  const starts = startsOf(ids);
  const indexOf = useMemo(() => new Map(ids.map((id, i) => [id, i])), [ids]);

  const rangeFor = useCallback(
    (v: View, starts: Float64Array) => {
      const count = ids.length;
      const total = starts[count] ?? 0;
      let top: number;
      const anchorIndex = v.pinned ? undefined : indexOf.get(v.anchor.id);
      if (v.pinned || anchorIndex === undefined) top = Math.max(0, total - viewport);
      else top = (starts[anchorIndex] ?? 0) - v.anchor.offset;
      return rowsBetween(starts, top - OVERSCAN_ABOVE_PX, top + viewport + OVERSCAN_BELOW_PX);
    },
    [ids, indexOf, viewport],
  );
  const { start, end } = rangeFor(live.current, starts);
  const rendered = useRef({ start, end, starts, ids });
  rendered.current = { start, end, starts, ids };
  // For the row observer, made once per scroller: the range arithmetic of the latest render.
  const latestRangeFor = useRef(rangeFor);
  latestRangeFor.current = rangeFor;

  /** Reads the anchor from the DOM: the first rendered row whose bottom is below the view's top. */
  const readAnchor = useCallback(
    (el: HTMLElement): Anchor | null => {
      const { start: first, ids: shown } = rendered.current;
      // The latest offsets: rows whose growth asked for no render are in them, and the DOM, already.
      const at = startsOf(shown);
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
    },
    [startsOf],
  );

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
      const { start: s, end: e, ids: shown } = rendered.current;
      const next = rangeFor(v, startsOf(shown));
      if (next.start !== s || next.end !== e) rerender((n) => n + 1);
    },
    [rangeFor, startsOf],
  );

  const onScroll = useCallback(() => {
    const el = scroller;
    if (!el) return;
    const distance = el.scrollHeight - el.scrollTop - el.clientHeight;
    // Away from the end only by scrolling up: content growing below never unpins the view.
    const scrolledUp = el.scrollTop < previousTop.current - 0.5;
    previousTop.current = el.scrollTop;
    const bottom = distance <= BOTTOM_SLACK_PX;
    // A streaming reply can shrink for a moment (a block laid out anew) and grow back before the
    // row observer sees a change; if a layout falls in between, the browser clamps the scroll
    // position, which reads like scrolling up. Pinned, only the person's own scrolling (input just
    // before) or a move of more than half a view (no re-layout shrinks that much) leaves the end.
    const byPerson =
      performance.now() - lastInput.current < INPUT_INTENT_MS || distance > el.clientHeight / 2;
    if (live.current.pinned && scrolledUp && !bottom && !byPerson) {
      restore(el);
      return;
    }
    setAtBottom(bottom);
    if (bottom) live.current = { pinned: true };
    else if (!live.current.pinned || scrolledUp) {
      const anchor = readAnchor(el);
      if (anchor) live.current = { pinned: false, anchor };
    }
    showIfMoved(live.current);
    maybeLoadOlder(el);
  }, [scroller, readAnchor, showIfMoved, maybeLoadOlder, restore]);

  // When the person last used a way to scroll (wheel, touch, scrollbar or keys): see `onScroll`.
  useLayoutEffect(() => {
    if (!scroller) return;
    const seen = () => {
      lastInput.current = performance.now();
    };
    const events = ['wheel', 'touchmove', 'pointerdown', 'keydown'] as const;
    const doc = scroller.ownerDocument;
    for (const type of events) {
      scroller.addEventListener(type, seen, { passive: true });
      doc.addEventListener(type, seen, { passive: true, capture: true });
    }
    return () => {
      for (const type of events) {
        scroller.removeEventListener(type, seen);
        doc.removeEventListener(type, seen, { capture: true });
      }
    };
  }, [scroller]);

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
        const before = heights.current.get(id);
        if (before === height) continue;
        if (before === undefined) {
          firstHeights.current.sum += height;
          firstHeights.current.count += 1;
        }
        heights.current.set(id, height);
        changed = true;
      }
      if (!changed) return;
      heightsVersion.current += 1;
      restore(scroller);
      // A render only if the new heights change what it would show: other rows, or spacers of
      // another height. A streaming reply growing at the pinned end changes neither on most frames,
      // so the list (and its rows' memo checks) is left alone and only the reply itself renders.
      const { start: s, end: e, starts: was, ids: shown } = rendered.current;
      const now = startsOf(shown);
      const next = latestRangeFor.current(live.current, now);
      const n = shown.length;
      const sameSpacers =
        Math.abs((now[s] ?? 0) - (was[s] ?? 0)) < SPACER_TOLERANCE_PX &&
        Math.abs((now[n] ?? 0) - (now[e] ?? 0) - ((was[n] ?? 0) - (was[e] ?? 0))) < SPACER_TOLERANCE_PX;
      if (next.start !== s || next.end !== e || !sameSpacers) setMeasured((k) => k + 1);
    });
  }, [scroller, restore, startsOf]);
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
