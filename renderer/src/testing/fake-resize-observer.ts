/**
 * A ResizeObserver for jsdom (which has none): the test says when elements change size, as the
 * browser would report it between layout and paint.
 */
export class FakeResizeObserver {
  static instances: FakeResizeObserver[] = [];
  readonly observed = new Set<Element>();

  constructor(private readonly callback: ResizeObserverCallback) {
    FakeResizeObserver.instances.push(this);
  }

  observe(el: Element): void {
    this.observed.add(el);
  }

  unobserve(el: Element): void {
    this.observed.delete(el);
  }

  disconnect(): void {
    this.observed.clear();
  }

  /** Reports new border-box heights for observed elements, in one callback. */
  resize(heights: ReadonlyArray<readonly [Element, number]>): void {
    const entries = heights
      .filter(([el]) => this.observed.has(el))
      .map(
        ([target, blockSize]) =>
          ({ target, borderBoxSize: [{ blockSize, inlineSize: 600 }] }) as unknown as ResizeObserverEntry,
      );
    if (entries.length > 0) this.callback(entries, this as unknown as ResizeObserver);
  }
}
