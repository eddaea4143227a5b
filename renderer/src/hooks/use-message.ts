import { useCallback, useSyncExternalStore } from 'react';
import type { Message } from '../../../common/conversation-types';
import { useStores } from '../app-context';

/** One message, subscribed by id: a stream batch re-renders only the message it changes. */
export function useMessage(messageId: string): Message | undefined {
  const { messages } = useStores();
  const subscribe = useCallback(
    (listener: () => void) => messages.messages.subscribe(messageId, listener),
    [messages, messageId],
  );
  const get = useCallback(() => messages.messages.get(messageId), [messages, messageId]);
  return useSyncExternalStore(subscribe, get, get);
}
