import { type RefObject, useEffect, useState } from 'react';

/**
 * True once the element has come within `margin` of what its scroll container shows, and from then
 * on (a thumbnail that was loaded stays loaded while its row is mounted). The observer's root is the
 * nearest scroller marked `data-scroll-root` (the message list's own scroller): with
 * the viewport as root, the margin would grow the viewport but not the list's own clipping, so a row
 * just above or below the list's visible part would never count as near. Where there is no
 * IntersectionObserver (jsdom), the element counts as seen at once.
 */
export function useInView(ref: RefObject<Element | null>, margin = '300px'): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    if (seen) return;
    const el = ref.current;
    if (!el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setSeen(true);
      return;
    }
    const root = el.closest('[data-scroll-root]');
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) {
          setSeen(true);
          observer.disconnect();
        }
      },
      { root, rootMargin: margin },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, margin, seen]);
  return seen;
}
