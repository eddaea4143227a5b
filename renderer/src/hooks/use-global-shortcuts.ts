import { useEffect } from 'react';
import { useActions, useStores } from '../app-context';

/**
 * Ctrl/Cmd+K opens the model picker, Ctrl/Cmd+, opens settings, Ctrl/Cmd+Shift+S the Spending view,
 * from anywhere outside a dialog.
 */
export function useGlobalShortcuts(): void {
  const { dialogs, compare } = useStores();
  const actions = useActions();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey) return;
      const key = e.key.toLowerCase();
      const shortcut = e.shiftKey
        ? key === 's'
          ? 'spending'
          : null
        : key === 'k'
          ? 'picker'
          : key === ','
            ? 'settings'
            : null;
      if (shortcut === null) return;
      e.preventDefault();
      // A dialog is modal: shortcuts must not stack another dialog over it (nor over Compare, which
      // opens the picker for its own columns).
      if (dialogs.anyOpen() || compare.get().open) return;
      if (shortcut === 'picker') actions.dialogs.openPicker('chat');
      else if (shortcut === 'settings') actions.dialogs.openSettings();
      else actions.dialogs.openSpending();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialogs, compare, actions]);
}
