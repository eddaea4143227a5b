import { useCallback, useSyncExternalStore } from 'react';
import { useStores } from '../app-context';

/** The stream id of the reply running in a conversation, or null. */
export function useActiveStream(conversationId: string | null): string | null {
  const { streams } = useStores();
  const get = useCallback(
    () => streams.forConversation(conversationId)?.streamId ?? null,
    [streams, conversationId],
  );
  return useSyncExternalStore(streams.subscribe, get, get);
}
