import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { MessagesStore } from '../state/messages-store';

/** How many messages each page backwards holds. */
export const MESSAGE_PAGE_SIZE = 50;
/**
 * The first page only has to fill one screen (plus the list's overscan): a smaller first read and
 * render is what makes opening a very long conversation fast. Older pages load as the person scrolls.
 */
export const FIRST_PAGE_SIZE = 20;

/**
 * While the person follows a conversation's end, at most this many of its messages stay loaded once
 * the list has grown a page past it (issue 19: a 200-reply session must not hold all 400 in memory).
 * Two pages: more than any screen shows, and the page just above is there when scrolling up begins.
 */
export const LOADED_WHILE_FOLLOWING = 2 * MESSAGE_PAGE_SIZE;

export interface MessageActionsDeps {
  bridge: Pick<SwitchboardBridge, 'loadMessages'>;
  messages: MessagesStore;
}

/** Reading a conversation's messages from main, a page at a time, latest first. */
export function createMessageActions(deps: MessageActionsDeps) {
  const { bridge, messages } = deps;
  return {
    /** Loads the latest page unless this conversation is already loaded (or loading). */
    async ensureLoaded(conversationId: string): Promise<void> {
      const current = messages.lists.get(conversationId);
      if (current && current.status !== 'error') return;
      messages.loadStarted(conversationId);
      const result = await bridge.loadMessages({ conversationId, limit: FIRST_PAGE_SIZE });
      if (result.ok) messages.latestPageLoaded(conversationId, result.value);
      else messages.loadFailed(conversationId, result.error.message);
    },

    /** Loads the page before the earliest loaded message, if there is one and none is loading. */
    async loadOlder(conversationId: string): Promise<void> {
      const current = messages.lists.get(conversationId);
      if (current?.status !== 'ready' || !current.hasMore || current.loadingOlder) return;
      const before = current.ids[0];
      if (before === undefined) return;
      messages.olderLoadStarted(conversationId);
      const result = await bridge.loadMessages({ conversationId, before, limit: MESSAGE_PAGE_SIZE });
      if (result.ok) messages.olderPageLoaded(conversationId, result.value);
      else messages.olderLoadFailed(conversationId, result.error.message);
    },

    /**
     * The person is at the conversation's end: once a page more than `LOADED_WHILE_FOLLOWING` is
     * loaded (sends and replies, or pages read while scrolled up), the oldest are let go — read again
     * by `loadOlder` when scrolled back to. The page of slack keeps this from undoing each page load.
     */
    followingEnd(conversationId: string): void {
      const current = messages.lists.get(conversationId);
      if (!current || current.ids.length <= LOADED_WHILE_FOLLOWING + MESSAGE_PAGE_SIZE) return;
      messages.dropOldest(conversationId, LOADED_WHILE_FOLLOWING);
    },
  };
}

export type MessageActions = ReturnType<typeof createMessageActions>;
