import type { ConversationSummary, QuarantineNotice } from '../../../common/conversation-types';
import type { ShownError } from '../../shared/i18n/error-text';
import { createValueStore } from './value-store';

export interface ConversationsState {
  items: readonly ConversationSummary[];
  total: number;
  loading: boolean;
  /** Main's error itself, worded where shown (so it follows a language switch). */
  error: ShownError | null;
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

/** A page of the conversation list as main sends it. */
export interface ConversationPage {
  items: readonly ConversationSummary[];
  total: number;
}

/**
 * The sidebar's list as main last sent it, and which conversation is open. Changes only through the
 * transitions below, which the conversation actions call with main's answers.
 */
export function createConversationsStore() {
  const store = createValueStore<ConversationsState>({
    items: [],
    total: 0,
    loading: false,
    error: null,
    selectedId: null,
    quarantined: [],
  });

  return {
    subscribe: store.subscribe,
    get: store.get,

    find(conversationId: string): ConversationSummary | undefined {
      return store.get().items.find((c) => c.id === conversationId);
    },

    loadStarted() {
      store.update((s) => ({ ...s, loading: true }));
    },

    loadFailed(error: ShownError) {
      store.update((s) => ({ ...s, loading: false, error }));
    },

    /** Replaces the list with a page read from the top. */
    showPage(page: ConversationPage) {
      store.update((s) => ({ ...s, items: page.items, total: page.total, loading: false, error: null }));
    },

    /** Adds an older page below what is shown, skipping any conversation already there. */
    appendPage(page: ConversationPage) {
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

    showQuarantined(quarantined: readonly QuarantineNotice[]) {
      store.update((s) => ({ ...s, quarantined }));
    },

    select(conversationId: string | null) {
      store.update((s) => ({ ...s, selectedId: conversationId }));
    },

    /** A conversation main created or restored. */
    added(summary: ConversationSummary) {
      store.update((s) => ({ ...s, items: upsert(s.items, summary), total: s.total + 1 }));
    },

    renamed(summary: ConversationSummary) {
      store.update((s) => ({ ...s, items: s.items.map((c) => (c.id === summary.id ? summary : c)) }));
    },

    removed(conversationId: string) {
      store.update((s) => ({
        ...s,
        items: s.items.filter((c) => c.id !== conversationId),
        total: Math.max(0, s.total - 1),
        selectedId: s.selectedId === conversationId ? null : s.selectedId,
      }));
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
