import { useEffect } from 'react';
import { useStores } from '../state/stores-context';

/**
 * Escape anywhere in the window stops the reply being written in the open conversation, unless a
 * dialog is open or a focused control already used the key (menus, inline editors, the composer).
 */
export function useEscapeStops(conversationId: string | null): void {
  const stores = useStores();
  useEffect(() => {
    if (conversationId === null) return;
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented || stores.dialogs.anyOpen()) return;
      if (!stores.streams.forConversation(conversationId)) return;
      e.preventDefault();
      void stores.chat.stop(conversationId);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [stores, conversationId]);
}
