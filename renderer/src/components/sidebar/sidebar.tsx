import { useCallback, useRef } from 'react';
import { useIntl } from 'react-intl';
import { formatAppError } from '../../../shared/i18n/error-text';
import { useActions, useStores } from '../../app-context';
import { useStoreValue } from '../../hooks/use-store-value';
import { ConversationItem } from './conversation-item';
import { HistorySearch } from './history-search';
import { HistoryTransfer } from './history-transfer';
import { QuarantineNotices } from './quarantine-notices';

/** The app title, New chat, the conversations by last activity, and any that could not be opened. */
export function Sidebar() {
  const stores = useStores();
  const actions = useActions();
  const intl = useIntl();
  const { items, total, loading, error, selectedId, quarantined } = useStoreValue(stores.conversations);
  const newChatRef = useRef<HTMLButtonElement>(null);
  const focusNewChat = useCallback(() => newChatRef.current?.focus(), []);

  return (
    <div className="sidebar">
      <header className="brand">
        {/* i18n-ignore: the product name, shown alone */}
        <h1 translate="no">Switchboard</h1>
      </header>
      <nav aria-label={intl.formatMessage({ id: 'sidebar.conversations' })} className="conversations">
        <button
          ref={newChatRef}
          type="button"
          className="new-chat"
          onClick={() => actions.navigation.newChat()}
        >
          {intl.formatMessage({ id: 'sidebar.newChat' })}
        </button>
        <HistorySearch />
        <QuarantineNotices notices={quarantined} />
        {error && (
          <p role="alert" className="field-error">
            {intl.formatMessage({ id: 'sidebar.listError' }, { error: formatAppError(intl, error) })}
          </p>
        )}
        {items.length === 0 && !loading && !error && (
          <p className="sidebar-empty">{intl.formatMessage({ id: 'sidebar.empty' })}</p>
        )}
        <ul className="conversation-list">
          {items.map((conversation) => (
            <ConversationItem
              key={conversation.id}
              conversation={conversation}
              selected={conversation.id === selectedId}
              onDeleted={focusNewChat}
            />
          ))}
        </ul>
        {items.length < total && (
          <button
            type="button"
            className="button-quiet load-more"
            disabled={loading}
            onClick={() => void actions.conversations.loadMore()}
          >
            {intl.formatMessage({ id: 'sidebar.showOlder' })}
          </button>
        )}
      </nav>
      <HistoryTransfer />
      <button
        type="button"
        className="button-quiet sidebar-spending"
        aria-haspopup="dialog"
        aria-keyshortcuts="Control+Shift+S Meta+Shift+S"
        onClick={() => actions.dialogs.openSpending()}
      >
        {intl.formatMessage({ id: 'sidebar.spending' })}
      </button>
    </div>
  );
}
