import { useCallback } from 'react';
import type { Message } from '../../../common/conversation-types';
import { useActions } from '../app-context';

/** Regenerates a reply; a refusal (no key, no model, validation) is reported in a toast. */
export function useRegenerate(conversationId: string, reply: Message): () => void {
  const actions = useActions();
  return useCallback(() => {
    void actions.chat.regenerate(conversationId, reply).then((result) => {
      if (!result.ok) actions.toasts.show(result.error.message, { tone: 'error' });
    });
  }, [actions, conversationId, reply]);
}
