import type { SwitchboardBridge } from '../../../common/ipc/bridge-types';
import type { MessagesStore } from '../state/messages-store';

/** How many messages each page backwards holds. */
export const MESSAGE_PAGE_SIZE = 50;
/**
 * The first page only has to fill one screen (plus the list's overscan): a smaller first read and
 * render is what makes opening a very long conversation fast. Older pages load as the person scrolls.
 */
export const FIRST_PAGE_SIZE = 20;

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
      else messages.loadFailed(conversationId, result.error);
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
      else messages.olderLoadFailed(conversationId, result.error);
    },
  };
}

export type MessageActions = ReturnType<typeof createMessageActions>;
