import { type RefObject, useLayoutEffect } from 'react';

/** The composer grows with its text up to this share of the window, then scrolls. */
const MAX_SHARE_OF_WINDOW = 0.4;

/** Sizes a textarea to its content. Set through the CSSOM, which the CSP allows (style attributes it would not). */
export function useAutoGrow(ref: RefObject<HTMLTextAreaElement | null>, value: string): void {
  // biome-ignore lint/correctness/useExhaustiveDependencies: the height depends on the text, read through the ref.
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const max = Math.round(window.innerHeight * MAX_SHARE_OF_WINDOW);
    el.style.height = 'auto';
    const wanted = el.scrollHeight;
    el.style.height = `${Math.min(wanted, max)}px`;
    el.style.overflowY = wanted > max ? 'auto' : 'hidden';
  }, [ref, value]);
}
