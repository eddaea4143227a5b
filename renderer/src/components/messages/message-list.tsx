import { useCallback, useEffect, useRef, useState } from 'react';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { useActions, useStores } from '../../app-context';
import { useConversationMessages } from '../../hooks/use-conversation-messages';
import { useFollowGrowingReply } from '../../hooks/use-follow-growing-reply';
import type { ConversationMessages } from '../../state/messages-store';
import { MessageListBody } from './message-list-body';
import { MessageRow } from './message-row';

/**
 * Virtuoso keeps its place when items are prepended if `firstItemIndex` drops by the number added;
 * it must stay positive, hence a large starting value.
 */
const FIRST_INDEX = 1_000_000;

interface ListContext {
  loadingOlder: boolean;
  hasMore: boolean;
}

function ListHeader({ context }: { context?: ListContext }) {
  if (context?.loadingOlder) return <p className="list-edge">Loading earlier messages…</p>;
  if (context && !context.hasMore) return <p className="list-edge">Start of the conversation</p>;
  return <div className="list-edge" />;
}

const COMPONENTS = { Header: ListHeader, List: MessageListBody };

/** A first guess for Virtuoso; it measures every message as it mounts. */
const ESTIMATED_MESSAGE_HEIGHT = 160;

/**
 * A conversation's messages, virtualized: the latest page paints first, earlier pages load when
 * the top is reached, and new output is followed only while the person is at the bottom.
 */
export function MessageList({ conversationId }: { conversationId: string }) {
  const actions = useActions();
  const list = useConversationMessages(conversationId);

  useEffect(() => {
    void actions.messages.ensureLoaded(conversationId);
  }, [actions, conversationId]);

  if (!list || list.status === 'loading') {
    return (
      <p className="chat-placeholder" role="status">
        Loading messages…
      </p>
    );
  }
  if (list.status === 'error') {
    return (
      <div className="chat-placeholder">
        <p role="alert">Could not load this conversation: {list.error}</p>
        <button type="button" onClick={() => void actions.messages.ensureLoaded(conversationId)}>
          Try again
        </button>
      </div>
    );
  }
  if (list.ids.length === 0) {
    return <p className="chat-placeholder">No messages yet. Write the first one below.</p>;
  }
  return <VirtualMessages conversationId={conversationId} list={list} />;
}

function VirtualMessages({ conversationId, list }: { conversationId: string; list: ConversationMessages }) {
  const stores = useStores();
  const actions = useActions();
  const virtuoso = useRef<VirtuosoHandle>(null);
  const [atBottom, setAtBottom] = useState(true);
  // Read once: Virtuoso re-applies a changed initial position, which would yank the view to the end.
  const [initialPosition] = useState(() => ({ index: list.ids.length - 1, align: 'end' as const }));

  const loadOlder = useCallback(
    () => void actions.messages.loadOlder(conversationId),
    [actions, conversationId],
  );
  const followOutput = useCallback(
    (isAtBottom: boolean): 'auto' | false => (isAtBottom ? 'auto' : false),
    [],
  );
  const lastId = list.ids[list.ids.length - 1];

  const [scroller, setScroller] = useState<HTMLElement | null>(null);
  const captureScroller = useCallback(
    (el: HTMLElement | Window | null) => setScroller(el instanceof HTMLElement ? el : null),
    [],
  );
  useFollowGrowingReply(scroller, stores.messages.messages, lastId);

  const itemContent = useCallback(
    (_index: number, messageId: string) => (
      <MessageRow conversationId={conversationId} messageId={messageId} isLast={messageId === lastId} />
    ),
    [conversationId, lastId],
  );

  return (
    <div className="message-list-frame">
      <Virtuoso
        ref={virtuoso}
        scrollerRef={captureScroller}
        className="message-list"
        data={list.ids}
        context={{ loadingOlder: list.loadingOlder, hasMore: list.hasMore }}
        components={COMPONENTS}
        firstItemIndex={FIRST_INDEX - list.prepended}
        initialTopMostItemIndex={initialPosition}
        computeItemKey={(_index, messageId) => messageId}
        itemContent={itemContent}
        followOutput={followOutput}
        startReached={loadOlder}
        atBottomStateChange={setAtBottom}
        increaseViewportBy={{ top: 200, bottom: 100 }}
        defaultItemHeight={ESTIMATED_MESSAGE_HEIGHT}
      />
      {!atBottom && (
        <button
          type="button"
          className="jump-to-latest"
          onClick={() => virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' })}
        >
          Jump to latest
        </button>
      )}
    </div>
  );
}
