import { useCallback, useSyncExternalStore } from 'react';
import { useStores } from '../app-context';
import type { ConversationMessages } from '../state/messages-store';

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
