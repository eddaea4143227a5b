import { useEffect } from 'react';
import { useActions, useStores } from '../app-context';

/** Ctrl/Cmd+K opens the model picker, Ctrl/Cmd+, opens settings, from anywhere outside a dialog. */
export function useGlobalShortcuts(): void {
  const { dialogs } = useStores();
  const actions = useActions();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.shiftKey) return;
      const key = e.key.toLowerCase();
      if (key !== 'k' && key !== ',') return;
      e.preventDefault();
      // A dialog is modal: shortcuts must not stack another dialog over it.
      if (dialogs.anyOpen()) return;
      if (key === 'k') actions.dialogs.openPicker('chat');
      else actions.dialogs.openSettings();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [dialogs, actions]);
}
