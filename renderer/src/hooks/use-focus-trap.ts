import { type RefObject, useEffect, useRef } from 'react';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/**
 * Tab stops in order. A radio group is one stop (its checked radio, or its first when none is
 * checked): counting every radio would put the "last" stop on a radio Tab never lands on, and focus
 * would leak out of the dialog from the group.
 */
function focusables(container: HTMLElement): HTMLElement[] {
  const all = [...container.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.closest('[inert]'));
  const seenGroups = new Set<string>();
  return all.filter((el) => {
    if (!(el instanceof HTMLInputElement) || el.type !== 'radio' || !el.name) return true;
    const group = all.filter(
      (other): other is HTMLInputElement =>
        other instanceof HTMLInputElement && other.type === 'radio' && other.name === el.name,
    );
    const stop = group.find((r) => r.checked) ?? group[0];
    if (stop !== el || seenGroups.has(el.name)) return false;
    seenGroups.add(el.name);
    return true;
  });
}

/**
 * Keeps keyboard focus inside a modal: focuses `initialFocus` (or the first control) on mount, wraps
 * Tab at both ends, closes on Escape, and gives focus back to whatever had it before on unmount.
 */
export function useFocusTrap(
  containerRef: RefObject<HTMLElement | null>,
  opts: { onEscape: () => void; initialFocusRef?: RefObject<HTMLElement | null> | undefined },
): void {
  const onEscapeRef = useRef(opts.onEscape);
  onEscapeRef.current = opts.onEscape;
  const initialFocusRef = opts.initialFocusRef;

  useEffect(() => {
    const container = containerRef.current;
    if (!container) return;
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    (initialFocusRef?.current ?? focusables(container)[0] ?? container).focus();

    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        onEscapeRef.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = focusables(container);
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) {
        e.preventDefault();
        return;
      }
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    };
    container.addEventListener('keydown', onKeyDown);
    return () => {
      container.removeEventListener('keydown', onKeyDown);
      if (previous?.isConnected) previous.focus();
    };
  }, [containerRef, initialFocusRef]);
}
