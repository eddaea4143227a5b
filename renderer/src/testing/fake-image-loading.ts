/**
 * What jsdom lacks for lazily loaded images: object URLs (recorded, so a test sees what was created
 * and revoked) and an IntersectionObserver a test drives (`showAll()` scrolls everything into view).
 * Install in beforeEach and call `restore()` in afterEach.
 */
export function installFakeImageLoading() {
  const created: string[] = [];
  const revoked: string[] = [];
  const observers = new Set<FakeIntersectionObserver>();
  let n = 0;

  class FakeIntersectionObserver {
    readonly targets = new Set<Element>();
    readonly root: Element | Document | null;
    constructor(
      private readonly callback: IntersectionObserverCallback,
      options: IntersectionObserverInit = {},
    ) {
      this.root = options.root ?? null;
      observers.add(this);
    }
    observe(el: Element) {
      this.targets.add(el);
    }
    unobserve(el: Element) {
      this.targets.delete(el);
    }
    disconnect() {
      this.targets.clear();
      observers.delete(this);
    }
    takeRecords() {
      return [];
    }
    fire() {
      const entries = [...this.targets].map(
        (target) => ({ target, isIntersecting: true }) as IntersectionObserverEntry,
      );
      if (entries.length > 0) this.callback(entries, this as unknown as IntersectionObserver);
    }
  }

  const originals = {
    io: globalThis.IntersectionObserver,
    create: URL.createObjectURL,
    revoke: URL.revokeObjectURL,
  };
  globalThis.IntersectionObserver = FakeIntersectionObserver as unknown as typeof IntersectionObserver;
  URL.createObjectURL = () => {
    const url = `blob:test/${++n}`;
    created.push(url);
    return url;
  };
  URL.revokeObjectURL = (url: string) => {
    revoked.push(url);
  };

  return {
    created,
    revoked,
    /** Every observed element is now in view. */
    showAll() {
      for (const observer of [...observers]) observer.fire();
    },
    restore() {
      globalThis.IntersectionObserver = originals.io;
      URL.createObjectURL = originals.create;
      URL.revokeObjectURL = originals.revoke;
    },
    /** The root each live observer measures against (null: the viewport). */
    roots(): (Element | Document | null)[] {
      return [...observers].map((o) => o.root);
    },
    observedCount() {
      return [...observers].reduce((sum, o) => sum + o.targets.size, 0);
    },
  };
}
