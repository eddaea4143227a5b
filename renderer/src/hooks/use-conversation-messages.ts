import { useCallback, useSyncExternalStore } from 'react';
import type { ConversationMessages } from '../state/messages-store';
import { useStores } from '../state/stores-context';

/** The loaded order of a conversation's messages (changes on page loads and sends, not per token). */
export function useConversationMessages(conversationId: string): ConversationMessages | undefined {
  const { messages } = useStores();
  const subscribe = useCallback(
    (listener: () => void) => messages.lists.subscribe(conversationId, listener),
    [messages, conversationId],
  );
  const get = useCallback(() => messages.lists.get(conversationId), [messages, conversationId]);
  return useSyncExternalStore(subscribe, get, get);
}
