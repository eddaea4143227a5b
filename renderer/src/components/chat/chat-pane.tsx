import { useIntl } from 'react-intl';
import { useStores } from '../../app-context';
import { useEscapeStops } from '../../hooks/use-escape-stops';
import { useStoreValue } from '../../hooks/use-store-value';
import { hasUsableKey } from '../../state/key-status-store';
import { MessageList } from '../messages/message-list';
import { Onboarding } from '../onboarding/onboarding';
import { ChatHeader } from './chat-header';
import { Composer } from './composer';
import { NoKeyBanner } from './no-key-banner';

/** The main pane: header, the open conversation (or the start screen), and the composer. */
export function ChatPane() {
  const stores = useStores();
  const intl = useIntl();
  const keyStatus = useStoreValue(stores.keyStatus);
  const { selectedId, items } = useStoreValue(stores.conversations);
  useEscapeStops(selectedId);
  const conversation = selectedId === null ? undefined : items.find((c) => c.id === selectedId);
  const noKey = keyStatus !== null && !hasUsableKey(keyStatus);

  return (
    <main className="chat">
      <ChatHeader title={conversation?.title.trim() || null} />
      <div className="chat-body">
        {selectedId === null ? (
          noKey && keyStatus ? (
            <div className="chat-scroll">
              <Onboarding status={keyStatus} />
            </div>
          ) : (
            <div className="chat-placeholder">
              <p className="chat-welcome">{intl.formatMessage({ id: 'chat.welcome.title' })}</p>
              <p>{intl.formatMessage({ id: 'chat.welcome.hint' })}</p>
            </div>
          )
        ) : (
          <>
            {noKey && keyStatus && <NoKeyBanner status={keyStatus} />}
            <MessageList key={selectedId} conversationId={selectedId} />
          </>
        )}
      </div>
      <Composer />
    </main>
  );
}
