import { useCallback } from 'react';
import type { Message } from '../../../common/conversation-types';
import { useStores } from '../state/stores-context';

/** Regenerates a reply; a refusal (no key, no model, validation) is reported in a toast. */
export function useRegenerate(conversationId: string, reply: Message): () => void {
  const stores = useStores();
  return useCallback(() => {
    void stores.chat.regenerate(conversationId, reply).then((result) => {
      if (!result.ok) stores.toasts.show(result.error.message, { tone: 'error' });
    });
  }, [stores, conversationId, reply]);
}
