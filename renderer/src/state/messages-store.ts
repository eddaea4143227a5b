import type { ChatStreamEvent } from '../../../common/chat-types';
import type { Message } from '../../../common/conversation-types';
import type { ShownError } from '../../shared/i18n/error-text';
import { applyReplyUsage, applyStreamEvents, type ReplyUsageUpdate } from './apply-stream-events';
import { createKeyedStore, type KeyedStore, readOnlyKeyed } from './keyed-store';

/** The order of a conversation's loaded messages (ids only; the messages live in `messages`). */
export interface ConversationMessages {
  ids: readonly string[];
  status: 'loading' | 'ready' | 'error';
  hasMore: boolean;
  loadingOlder: boolean;
  /** How many messages were prepended by paging backwards; the list needs it to keep its place. */
  prepended: number;
  /** Main's error itself, worded where shown (so it follows a language switch). */
  error: ShownError | null;
}

const EMPTY_READY: ConversationMessages = {
  ids: [],
  status: 'ready',
  hasMore: false,
  loadingOlder: false,
  prepended: 0,
  error: null,
};

/** A page of a conversation's messages as main sends it. */
export interface MessagePage {
  messages: readonly Message[];
  hasMore: boolean;
}

/**
 * The loaded messages of each conversation: their order per conversation (`lists`) and each message by
 * id (`messages`), so a stream batch notifies only the message it changes. Changes only through the
 * transitions below, which the message and chat actions call.
 */
export function createMessagesStore() {
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

  const append = (conversationId: string, added: readonly Message[]) => {
    for (const m of added) putMessage(m);
    const ids = added.map((m) => m.id);
    const list = lists.get(conversationId) ?? EMPTY_READY;
    lists.set(conversationId, { ...list, ids: [...list.ids.filter((id) => !ids.includes(id)), ...ids] });
  };

  return {
    lists: readOnlyKeyed(lists),
    messages: readOnlyKeyed(messages),

    loadStarted(conversationId: string) {
      lists.set(conversationId, { ...EMPTY_READY, status: 'loading' });
    },

    loadFailed(conversationId: string, error: ShownError) {
      lists.set(conversationId, { ...EMPTY_READY, status: 'error', error });
    },

    /** The latest page arrived. */
    latestPageLoaded(conversationId: string, page: MessagePage) {
      for (const m of page.messages) putMessage(m);
      const loaded = page.messages.map((m) => m.id);
      // Anything appended while the page was loading (a send) stays, after the loaded page.
      const appended = (lists.get(conversationId)?.ids ?? []).filter((id) => !loaded.includes(id));
      lists.set(conversationId, { ...EMPTY_READY, ids: [...loaded, ...appended], hasMore: page.hasMore });
    },

    /** Marks a conversation that was just created as loaded and empty, saving a round trip. */
    markEmpty(conversationId: string) {
      if (!lists.has(conversationId)) lists.set(conversationId, EMPTY_READY);
    },

    olderLoadStarted(conversationId: string) {
      patchList(conversationId, (list) => ({ ...list, loadingOlder: true }));
    },

    olderLoadFailed(conversationId: string, error: ShownError) {
      patchList(conversationId, (list) => ({ ...list, loadingOlder: false, error }));
    },

    /** A page older than the loaded ones arrived: it goes before them, and is counted as prepended. */
    olderPageLoaded(conversationId: string, page: MessagePage) {
      for (const m of page.messages) putMessage(m);
      const older = page.messages.map((m) => m.id);
      patchList(conversationId, (list) => ({
        ...list,
        ids: [...older, ...list.ids],
        hasMore: page.hasMore,
        loadingOlder: false,
        prepended: list.prepended + older.length,
        error: null,
      }));
    },

    /** Appends messages main has just stored (a sent message and its reply placeholder). */
    append,

    /**
     * A new version of `replacedId` (issue 18: regenerate, edit and resend) takes its place in the
     * visible path at once: `replacedId` and everything after it leave the list (main keeps them as
     * another branch), and `added` follow. Until the path is reloaded, the first added message's
     * version indicator is worked out here from the one it replaces: the newest of its siblings.
     */
    showNewVersion(conversationId: string, replacedId: string, added: readonly Message[]) {
      const replaced = messages.get(replacedId);
      const [first, ...rest] = added;
      if (!first) return;
      const siblingIds = [...(replaced?.branch?.siblingIds ?? [replacedId])];
      if (!siblingIds.includes(first.id)) siblingIds.push(first.id);
      const withBranch: Message = first.branch
        ? first
        : { ...first, branch: { index: siblingIds.length - 1, count: siblingIds.length, siblingIds } };
      patchList(conversationId, (list) => {
        const index = list.ids.indexOf(replacedId);
        if (index < 0) return list;
        for (const id of list.ids.slice(index)) messages.delete(id);
        return { ...list, ids: list.ids.slice(0, index) };
      });
      append(conversationId, [withBranch, ...rest]);
    },

    /**
     * The visible path was read again (after a version switch, or a new version's reply ended): it
     * replaces the list, and messages no longer on it are let go. `shownBefore` is the list when the
     * read started, so a message appended meanwhile (a send) stays, after the loaded path.
     */
    pathReloaded(conversationId: string, page: MessagePage, shownBefore: readonly string[]) {
      const loaded = page.messages.map((m) => m.id);
      const current = lists.get(conversationId)?.ids ?? [];
      const appended = current.filter((id) => !shownBefore.includes(id) && !loaded.includes(id));
      const keep = new Set([...loaded, ...appended]);
      for (const id of current) if (!keep.has(id)) messages.delete(id);
      for (const m of page.messages) putMessage(m);
      lists.set(conversationId, { ...EMPTY_READY, ids: [...loaded, ...appended], hasMore: page.hasMore });
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

    /**
     * Final usage main fetched after a reply's stream ended without it. A reply not loaded here is
     * skipped: main stored the figures, so they arrive with the message when it is loaded.
     */
    applyUsage(messageId: string, update: ReplyUsageUpdate) {
      const message = messages.get(messageId);
      if (message) messages.set(messageId, applyReplyUsage(message, update));
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
