import { type CSSProperties, useCallback, useEffect } from 'react';
import { useIntl } from 'react-intl';
import { formatAppError } from '../../../shared/i18n/error-text';
import { useActions } from '../../app-context';
import { useBottomAnchoredWindow } from '../../hooks/use-bottom-anchored-window';
import { useConversationMessages } from '../../hooks/use-conversation-messages';
import type { ConversationMessages } from '../../state/messages-store';
import { MeasuredRow } from './message-list-body';

/** Each row's `data-index` is this minus the messages prepended before it, so it never changes. */
const FIRST_INDEX = 1_000_000;

/**
 * Set through the CSSOM (the CSP allows it; a style attribute it would not). The browser's own scroll
 * anchoring is off: the window keeps the view in place itself, and the two would both correct.
 */
const SCROLLER_STYLE: CSSProperties = { height: '100%', overflowY: 'auto', overflowAnchor: 'none' };

function ListHeader({ loadingOlder, hasMore }: { loadingOlder: boolean; hasMore: boolean }) {
  const intl = useIntl();
  if (loadingOlder)
    return <p className="list-edge">{intl.formatMessage({ id: 'messages.list.loadingOlder' })}</p>;
  if (!hasMore) return <p className="list-edge">{intl.formatMessage({ id: 'messages.list.start' })}</p>;
  return <div className="list-edge" />;
}

/**
 * A conversation's messages, virtualized: the latest page paints first, earlier pages load when
 * the top is reached, and new output is followed only while the person is at the bottom.
 */
export function MessageList({ conversationId }: { conversationId: string }) {
  const actions = useActions();
  const intl = useIntl();
  const list = useConversationMessages(conversationId);

  useEffect(() => {
    void actions.messages.ensureLoaded(conversationId);
  }, [actions, conversationId]);

  if (!list || list.status === 'loading') {
    return (
      <p className="chat-placeholder" role="status">
        {intl.formatMessage({ id: 'messages.list.loading' })}
      </p>
    );
  }
  if (list.status === 'error') {
    return (
      <div className="chat-placeholder">
        <p role="alert">
          {intl.formatMessage(
            { id: 'messages.list.loadError' },
            {
              error: list.error === null ? '' : formatAppError(intl, list.error),
            },
          )}
        </p>
        <button type="button" onClick={() => void actions.messages.ensureLoaded(conversationId)}>
          {intl.formatMessage({ id: 'messages.list.tryAgain' })}
        </button>
      </div>
    );
  }
  if (list.ids.length === 0) {
    return <p className="chat-placeholder">{intl.formatMessage({ id: 'messages.list.empty' })}</p>;
  }
  // Keyed: another conversation starts with a fresh window (its own heights, pinned to its end).
  return <VirtualMessages key={conversationId} conversationId={conversationId} list={list} />;
}

function VirtualMessages({ conversationId, list }: { conversationId: string; list: ConversationMessages }) {
  const actions = useActions();
  const intl = useIntl();
  const loadOlder = useCallback(
    () => void actions.messages.loadOlder(conversationId),
    [actions, conversationId],
  );
  const rows = useBottomAnchoredWindow({ ids: list.ids, onNearTop: loadOlder });
  const lastId = list.ids[list.ids.length - 1];
  // No separate "follow the reply" step: pinned to the end, the window's row observer puts the view
  // back at the end whenever the last row grows, between layout and paint.

  // Stable per message across prepends (the same scheme as `prepended`): a row's index never changes.
  const firstIndex = FIRST_INDEX - list.prepended;
  const shown = list.ids.slice(rows.start, rows.end);
  return (
    <div className="message-list-frame">
      <div
        ref={rows.scrollerRef}
        className="message-list"
        data-scroll-root=""
        onScroll={rows.onScroll}
        style={SCROLLER_STYLE}
      >
        <ListHeader loadingOlder={list.loadingOlder} hasMore={list.hasMore} />
        <div style={{ height: rows.spaceAbove }} />
        {shown.map((messageId, i) => (
          <MeasuredRow
            key={messageId}
            index={firstIndex + rows.start + i}
            conversationId={conversationId}
            messageId={messageId}
            isLast={messageId === lastId}
            observe={rows.observe}
          />
        ))}
        <div style={{ height: rows.spaceBelow }} />
      </div>
      {!rows.atBottom && (
        <button type="button" className="jump-to-latest" onClick={rows.jumpToLatest}>
          {intl.formatMessage({ id: 'messages.list.jumpToLatest' })}
        </button>
      )}
    </div>
  );
}
