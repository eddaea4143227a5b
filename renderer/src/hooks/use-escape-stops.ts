import { useEffect } from 'react';
import { useActions, useStores } from '../app-context';

/**
 * Escape anywhere in the window stops the reply being written in the open conversation, unless a
 * dialog is open or a focused control already used the key (menus, inline editors, the composer).
 */
export function useEscapeStops(conversationId: string | null): void {
  const stores = useStores();
  const actions = useActions();
  useEffect(() => {
    if (conversationId === null) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || stores.dialogs.anyOpen()) return;
      if (!stores.streams.forConversation(conversationId)) return;
      e.preventDefault();
      void actions.chat.stop(conversationId);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores, actions, conversationId]);
}
