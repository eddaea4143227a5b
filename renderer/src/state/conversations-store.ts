import type { ConversationSummary, QuarantineNotice } from '../../../common/conversation-types';
import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { Result } from '../../../common/ipc/define';
import { createValueStore } from './value-store';

export const CONVERSATION_PAGE_SIZE = 50;
/** The contract's largest page; a refresh re-reads at most this many. */
const MAX_PAGE = 500;

export interface ConversationsState {
  items: readonly ConversationSummary[];
  total: number;
  loading: boolean;
  error: string | null;
  selectedId: string | null;
  quarantined: readonly QuarantineNotice[];
}

/** Most recent activity first, whatever order the pieces arrived in. */
function byActivity(items: readonly ConversationSummary[]): ConversationSummary[] {
  return [...items].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}

function upsert(items: readonly ConversationSummary[], summary: ConversationSummary): ConversationSummary[] {
  return byActivity([summary, ...items.filter((c) => c.id !== summary.id)]);
}

export function createConversationsStore(bridge: SwitchboardBridge) {
  const store = createValueStore<ConversationsState>({
    items: [],
    total: 0,
    loading: false,
    error: null,
    selectedId: null,
    quarantined: [],
  });

  const readPage = async (offset: number, limit: number) => {
    store.update((s) => ({ ...s, loading: true }));
    const result = await bridge.listConversations({ offset, limit });
    if (!result.ok) {
      store.update((s) => ({ ...s, loading: false, error: result.error.message }));
      return null;
    }
    return result.value;
  };

  return {
    subscribe: store.subscribe,
    get: store.get,

    async loadFirst() {
      const page = await readPage(0, CONVERSATION_PAGE_SIZE);
      if (page)
        store.update((s) => ({ ...s, items: page.items, total: page.total, loading: false, error: null }));
    },

    async loadMore() {
      const { items, total, loading } = store.get();
      if (loading || items.length >= total) return;
      const page = await readPage(items.length, CONVERSATION_PAGE_SIZE);
      if (!page) return;
      store.update((s) => {
        const known = new Set(s.items.map((c) => c.id));
        return {
          ...s,
          items: [...s.items, ...page.items.filter((c) => !known.has(c.id))],
          total: page.total,
          loading: false,
          error: null,
        };
      });
    },

    /** Re-reads what is shown, to pick up titles and activity main changed while replying. */
    async refresh() {
      const limit = Math.min(MAX_PAGE, Math.max(CONVERSATION_PAGE_SIZE, store.get().items.length));
      const page = await readPage(0, limit);
      if (page)
        store.update((s) => ({ ...s, items: page.items, total: page.total, loading: false, error: null }));
    },

    async loadQuarantined() {
      const result = await bridge.listQuarantined();
      if (result.ok) store.update((s) => ({ ...s, quarantined: result.value }));
    },

    select(conversationId: string | null) {
      store.update((s) => ({ ...s, selectedId: conversationId }));
    },

    find(conversationId: string): ConversationSummary | undefined {
      return store.get().items.find((c) => c.id === conversationId);
    },

    async create(model: string | null): Promise<Result<ConversationSummary>> {
      const result = await bridge.createConversation({ model });
      if (result.ok) {
        const created = result.value;
        store.update((s) => ({ ...s, items: upsert(s.items, created), total: s.total + 1 }));
      }
      return result;
    },

    async rename(conversationId: string, title: string): Promise<Result<ConversationSummary>> {
      const result = await bridge.renameConversation({ conversationId, title });
      if (result.ok) {
        const renamed = result.value;
        store.update((s) => ({ ...s, items: s.items.map((c) => (c.id === renamed.id ? renamed : c)) }));
      }
      return result;
    },

    async remove(conversationId: string): Promise<Result<{ undoToken: string }>> {
      const result = await bridge.deleteConversation({ conversationId });
      if (result.ok) {
        store.update((s) => ({
          ...s,
          items: s.items.filter((c) => c.id !== conversationId),
          total: Math.max(0, s.total - 1),
          selectedId: s.selectedId === conversationId ? null : s.selectedId,
        }));
      }
      return result;
    },

    async restore(undoToken: string): Promise<Result<ConversationSummary>> {
      const result = await bridge.restoreConversation({ undoToken });
      if (result.ok) {
        const restored = result.value;
        store.update((s) => ({ ...s, items: upsert(s.items, restored), total: s.total + 1 }));
      }
      return result;
    },

    /** Moves a conversation to the top after activity, before the next refresh confirms it. */
    touch(conversationId: string) {
      store.update((s) => {
        const found = s.items.find((c) => c.id === conversationId);
        if (!found) return s;
        return { ...s, items: upsert(s.items, { ...found, updatedAt: new Date().toISOString() }) };
      });
    },
  };
}

export type ConversationsStore = ReturnType<typeof createConversationsStore>;
