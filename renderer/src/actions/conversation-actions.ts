import type { ConversationSummary } from '../../../common/conversation-types';
import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { Result } from '../../../common/ipc/define';
import type { ConversationsStore } from '../state/conversations-store';
import type { MessagesStore } from '../state/messages-store';

export const CONVERSATION_PAGE_SIZE = 50;
/** The contract's largest page; a refresh re-reads at most this many. */
const MAX_PAGE = 500;

export interface ConversationActionsDeps {
  bridge: Pick<
    SwitchboardBridge,
    | 'listConversations'
    | 'listQuarantined'
    | 'createConversation'
    | 'renameConversation'
    | 'deleteConversation'
    | 'restoreConversation'
  >;
  conversations: ConversationsStore;
  messages: MessagesStore;
}

/** Listing, creating, renaming, deleting and restoring conversations in main. */
export function createConversationActions(deps: ConversationActionsDeps) {
  const { bridge, conversations, messages } = deps;

  const readPage = async (offset: number, limit: number) => {
    conversations.loadStarted();
    const result = await bridge.listConversations({ offset, limit });
    if (!result.ok) {
      conversations.loadFailed(result.error);
      return null;
    }
    return result.value;
  };

  return {
    async loadFirst(): Promise<void> {
      const page = await readPage(0, CONVERSATION_PAGE_SIZE);
      if (page) conversations.showPage(page);
    },

    async loadMore(): Promise<void> {
      const { items, total, loading } = conversations.get();
      if (loading || items.length >= total) return;
      const page = await readPage(items.length, CONVERSATION_PAGE_SIZE);
      if (page) conversations.appendPage(page);
    },

    /** Re-reads what is shown, to pick up titles and activity main changed while replying. */
    async refresh(): Promise<void> {
      const limit = Math.min(MAX_PAGE, Math.max(CONVERSATION_PAGE_SIZE, conversations.get().items.length));
      const page = await readPage(0, limit);
      if (page) conversations.showPage(page);
    },

    async loadQuarantined(): Promise<void> {
      const result = await bridge.listQuarantined();
      if (result.ok) conversations.showQuarantined(result.value);
    },

    async create(model: string | null): Promise<Result<ConversationSummary>> {
      const result = await bridge.createConversation({ model });
      if (result.ok) conversations.added(result.value);
      return result;
    },

    async rename(conversationId: string, title: string): Promise<Result<ConversationSummary>> {
      const result = await bridge.renameConversation({ conversationId, title });
      if (result.ok) conversations.renamed(result.value);
      return result;
    },

    /** Deletes a conversation; its loaded messages are forgotten. The undo token restores it. */
    async remove(conversationId: string): Promise<Result<{ undoToken: string }>> {
      const result = await bridge.deleteConversation({ conversationId });
      if (result.ok) {
        conversations.removed(conversationId);
        messages.forget(conversationId);
      }
      return result;
    },

    async restore(undoToken: string): Promise<Result<ConversationSummary>> {
      const result = await bridge.restoreConversation({ undoToken });
      if (result.ok) conversations.added(result.value);
      return result;
    },
  };
}

export type ConversationActions = ReturnType<typeof createConversationActions>;
