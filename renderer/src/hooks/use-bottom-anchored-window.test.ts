import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeResizeObserver } from '../testing/fake-resize-observer';
import { useBottomAnchoredWindow } from './use-bottom-anchored-window';

beforeEach(() => {
  FakeResizeObserver.instances = [];
  vi.stubGlobal('ResizeObserver', FakeResizeObserver);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

const IDS = Array.from({ length: 200 }, (_, i) => `m${i}`);

/** The hook over `IDS`, with a scroller and every rendered row observed, counting its renders. */
function openWindow() {
  let renders = 0;
  const hook = renderHook(() => {
    renders++;
    return useBottomAnchoredWindow({ ids: IDS, onNearTop: () => {} });
  });
  const scroller = document.createElement('div');
  act(() => hook.result.current.scrollerRef(scroller));
  const rows = new Map<string, HTMLElement>();
  for (const id of IDS.slice(hook.result.current.start, hook.result.current.end)) {
    const row = document.createElement('div');
    row.dataset.messageId = id;
    scroller.append(row);
    rows.set(id, row);
    hook.result.current.observe(row);
  }
  const firstRow = rows.values().next().value;
  const observer = FakeResizeObserver.instances.find((o) => firstRow && o.observed.has(firstRow));
  if (!observer) throw new Error('no row observer');
  return { hook, rows, observer, renders: () => renders };
}

describe('bottom-anchored window', () => {
  it('does not render again while only the last (streaming) row grows at the pinned end', () => {
    const { hook, rows, observer, renders } = openWindow();
    // Every rendered row measured once, as they mount.
    act(() => observer.resize([...rows.values()].map((row) => [row, 100] as const)));
    const before = renders();
    const { start, end, spaceAbove, spaceBelow } = hook.result.current;
    const last = rows.get(IDS[IDS.length - 1] as string) as HTMLElement;
    for (let batch = 1; batch <= 50; batch++) act(() => observer.resize([[last, 100 + batch * 3]]));
    // 150 px of growth pushes one 100 px row out of the window at the top: that, and only that,
    // needs a render (before, each of the 50 batches rendered the list).
    expect(renders() - before).toBeLessThanOrEqual(1);
    expect(hook.result.current).toMatchObject({ start: start + 1, end, spaceBelow });
    expect(hook.result.current.spaceAbove).toBe(spaceAbove + 100);
  });

  it('renders again when a row grows enough that other rows come into the window', () => {
    const { hook, rows, observer, renders } = openWindow();
    act(() => observer.resize([...rows.values()].map((row) => [row, 100] as const)));
    const before = renders();
    const { start } = hook.result.current;
    const last = rows.get(IDS[IDS.length - 1] as string) as HTMLElement;
    // Pinned to the end, a last row taller than the view pushes the rows above it out of the window.
    act(() => observer.resize([[last, 5_000]]));
    expect(renders()).toBeGreaterThan(before);
    expect(hook.result.current.start).toBeGreaterThan(start);
  });
});
