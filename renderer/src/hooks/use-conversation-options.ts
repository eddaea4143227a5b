import { useEffect } from 'react';
import type { OptionProblem } from '../../../common/option-problems';
import { type ConversationOptions, DEFAULT_CONVERSATION_OPTIONS } from '../../../common/request-options';
import { useActions, useStores } from '../app-context';
import { useStoreValue } from './use-store-value';

/**
 * The options of a conversation (loaded from main when it is opened), or, for a new chat (null), the
 * choices kept for it until its first message creates it. Defaults until loaded.
 */
export function useConversationOptions(conversationId: string | null): {
  options: ConversationOptions;
  problems: readonly OptionProblem[];
} {
  const stores = useStores();
  const actions = useActions();
  const state = useStoreValue(stores.requestOptions);
  useEffect(() => {
    if (conversationId !== null) void actions.requestOptions.load(conversationId);
  }, [conversationId, actions]);
  if (conversationId === null)
    return { options: { ...DEFAULT_CONVERSATION_OPTIONS, ...state.pending }, problems: [] };
  const loaded = state.byConversation[conversationId];
  if (!loaded) return { options: DEFAULT_CONVERSATION_OPTIONS, problems: [] };
  const { problems, ...options } = loaded;
  return { options, problems };
}
