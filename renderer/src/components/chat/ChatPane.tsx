import { useEscapeStops } from '../../hooks/useEscapeStops';
import { useStoreValue } from '../../hooks/useStoreValue';
import { hasUsableKey } from '../../state/key-status-store';
import { useStores } from '../../state/stores-context';
import { MessageList } from '../messages/MessageList';
import { Onboarding } from '../onboarding/Onboarding';
import { ChatHeader } from './ChatHeader';
import { Composer } from './Composer';
import { NoKeyBanner } from './NoKeyBanner';

/** The main pane: header, the open conversation (or the start screen), and the composer. */
export function ChatPane() {
  const stores = useStores();
  const keyStatus = useStoreValue(stores.keyStatus);
  const { selectedId, items } = useStoreValue(stores.conversations);
  useEscapeStops(selectedId);
  const conversation = selectedId === null ? undefined : items.find((c) => c.id === selectedId);
  const noKey = keyStatus !== null && !hasUsableKey(keyStatus);

  return (
    <main className="chat">
      <ChatHeader title={conversation?.title.trim() || 'New chat'} />
      <div className="chat-body">
        {selectedId === null ? (
          noKey && keyStatus ? (
            <div className="chat-scroll">
              <Onboarding status={keyStatus} />
            </div>
          ) : (
            <div className="chat-placeholder">
              <p className="chat-welcome">What would you like to ask?</p>
              <p>Choose a model with Ctrl+K, write below, and press Enter to send.</p>
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
