import type { ChatStreamEvent } from '../../../common/chat-types';
import type { Message } from '../../../common/conversation-types';
import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import { applyStreamEvents } from './apply-stream-events';
import { createKeyedStore, type KeyedStore } from './keyed-store';

/** How many messages each page backwards holds. */
export const MESSAGE_PAGE_SIZE = 50;
/**
 * The first page only has to fill one screen (plus the list's overscan): a smaller first read and
 * render is what makes opening a very long conversation fast. Older pages load as the person scrolls.
 */
export const FIRST_PAGE_SIZE = 20;

/** The order of a conversation's loaded messages (ids only; the messages live in `messages`). */
export interface ConversationMessages {
  ids: readonly string[];
  status: 'loading' | 'ready' | 'error';
  hasMore: boolean;
  loadingOlder: boolean;
  /** How many messages were prepended by paging backwards; the list needs it to keep its place. */
  prepended: number;
  error: string | null;
}

const EMPTY_READY: ConversationMessages = {
  ids: [],
  status: 'ready',
  hasMore: false,
  loadingOlder: false,
  prepended: 0,
  error: null,
};

export function createMessagesStore(bridge: SwitchboardBridge) {
  const lists: KeyedStore<ConversationMessages> = createKeyedStore();
  const messages: KeyedStore<Message> = createKeyedStore();
  // Events for a reply whose placeholder has not arrived yet (main may stream before it answers).
  const pending = new Map<string, ChatStreamEvent[]>();

  const putMessage = (message: Message) => {
    const early = pending.get(message.id);
    pending.delete(message.id);
    messages.set(message.id, early ? applyStreamEvents(message, early) : message);
  };

  const patchList = (conversationId: string, fn: (list: ConversationMessages) => ConversationMessages) => {
    const list = lists.get(conversationId);
    if (list) lists.set(conversationId, fn(list));
  };

  return {
    lists,
    messages,

    /** Loads the latest page unless this conversation is already loaded (or loading). */
    async ensureLoaded(conversationId: string): Promise<void> {
      const current = lists.get(conversationId);
      if (current && current.status !== 'error') return;
      lists.set(conversationId, { ...EMPTY_READY, status: 'loading' });
      const result = await bridge.loadMessages({ conversationId, limit: FIRST_PAGE_SIZE });
      if (!result.ok) {
        lists.set(conversationId, { ...EMPTY_READY, status: 'error', error: result.error.message });
        return;
      }
      for (const m of result.value.messages) putMessage(m);
      const loaded = result.value.messages.map((m) => m.id);
      // Anything appended while the page was loading (a send) stays, after the loaded page.
      const appended = (lists.get(conversationId)?.ids ?? []).filter((id) => !loaded.includes(id));
      lists.set(conversationId, {
        ...EMPTY_READY,
        ids: [...loaded, ...appended],
        hasMore: result.value.hasMore,
      });
    },

    /** Marks a conversation that was just created as loaded and empty, saving a round trip. */
    markEmpty(conversationId: string) {
      if (!lists.has(conversationId)) lists.set(conversationId, EMPTY_READY);
    },

    async loadOlder(conversationId: string): Promise<void> {
      const current = lists.get(conversationId);
      if (current?.status !== 'ready' || !current.hasMore || current.loadingOlder) return;
      const before = current.ids[0];
      if (before === undefined) return;
      lists.set(conversationId, { ...current, loadingOlder: true });
      const result = await bridge.loadMessages({ conversationId, before, limit: MESSAGE_PAGE_SIZE });
      if (!result.ok) {
        patchList(conversationId, (list) => ({ ...list, loadingOlder: false, error: result.error.message }));
        return;
      }
      for (const m of result.value.messages) putMessage(m);
      const older = result.value.messages.map((m) => m.id);
      patchList(conversationId, (list) => ({
        ...list,
        ids: [...older, ...list.ids],
        hasMore: result.value.hasMore,
        loadingOlder: false,
        prepended: list.prepended + older.length,
        error: null,
      }));
    },

    /** Appends messages main has just stored (a sent message and its reply placeholder). */
    append(conversationId: string, added: readonly Message[]) {
      for (const m of added) putMessage(m);
      const ids = added.map((m) => m.id);
      const list = lists.get(conversationId) ?? EMPTY_READY;
      lists.set(conversationId, { ...list, ids: [...list.ids.filter((id) => !ids.includes(id)), ...ids] });
    },

    /** Drops `messageId` and everything after it, as main does for regenerate and edit-and-resend. */
    truncateFrom(conversationId: string, messageId: string) {
      patchList(conversationId, (list) => {
        const index = list.ids.indexOf(messageId);
        if (index < 0) return list;
        for (const id of list.ids.slice(index)) messages.delete(id);
        return { ...list, ids: list.ids.slice(0, index) };
      });
    },

    /** Applies one batch of stream events to its assistant message. */
    applyEvents(messageId: string, events: readonly ChatStreamEvent[]) {
      const message = messages.get(messageId);
      if (message) {
        messages.set(messageId, applyStreamEvents(message, events));
      } else {
        pending.set(messageId, [...(pending.get(messageId) ?? []), ...events]);
      }
    },

    /** Forgets a conversation's messages (it was deleted). */
    forget(conversationId: string) {
      const list = lists.get(conversationId);
      if (!list) return;
      for (const id of list.ids) messages.delete(id);
      lists.delete(conversationId);
    },
  };
}

export type MessagesStore = ReturnType<typeof createMessagesStore>;
