import { useCallback } from 'react';
import type { Message } from '../../../common/conversation-types';
import { useActions } from '../app-context';
import { useRefusalToast } from './use-refusal-toast';

/** Regenerates a reply; a refusal (no key, no model, a spending limit…) is reported in a toast. */
export function useRegenerate(conversationId: string, reply: Message): () => void {
  const actions = useActions();
  const reportRefusal = useRefusalToast();
  return useCallback(() => {
    void actions.chat.regenerate(conversationId, reply).then((result) => {
      if (!result.ok) reportRefusal(result.error);
    });
  }, [actions, conversationId, reply, reportRefusal]);
}
