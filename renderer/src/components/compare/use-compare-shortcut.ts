import { useEffect, useRef } from 'react';
import { useStores } from '../../app-context';

/** Shown on the Compare button (`aria-keyshortcuts`, title) and matched below. */
// i18n-ignore: key names for aria-keyshortcuts (ARIA's own syntax), never shown as text
export const COMPARE_SHORTCUT = 'Control+Shift+M Meta+Shift+M';

/**
 * Ctrl/Cmd+Shift+M opens Compare for what the composer holds. Not Ctrl/Cmd+Shift+C: Chromium takes
 * that for the DevTools element inspector. Free in use-global-shortcuts.ts and main's app menu.
 */
export function useCompareShortcut(onCompare: () => void): void {
  const { dialogs, compare } = useStores();
  const onCompareRef = useRef(onCompare);
  onCompareRef.current = onCompare;
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || !e.shiftKey || e.altKey || e.key.toLowerCase() !== 'm') return;
      e.preventDefault();
      if (dialogs.anyOpen() || compare.get().open) return;
      onCompareRef.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialogs, compare]);
}
