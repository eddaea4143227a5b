import { useActions, useStores } from '../../app-context';
import { useModelSummary } from '../../hooks/use-model-summary';
import { useStoreValue } from '../../hooks/use-store-value';
import { formatRetirementDay } from '../model-picker/retirement';
import { ConversationCost } from './conversation-cost';
import { ModelButton } from './model-button';
import { ModelDetailsButton } from './model-details-button';

/** Warns before OpenRouter retires the model this chat sends with, while there is time to switch. */
function RetirementWarning() {
  const stores = useStores();
  const actions = useActions();
  const model = useModelSummary(useStoreValue(stores.modelChoice));
  if (!model?.expirationDate) return null;
  return (
    <p className="model-retirement-warning">
      <span>Retires on {formatRetirementDay(model.expirationDate)} — </span>
      <button
        type="button"
        className="button-quiet"
        aria-haspopup="dialog"
        onClick={() => actions.dialogs.openPicker('chat')}
      >
        pick another model
      </button>
    </p>
  );
}

/** The open conversation's title, the model picker button, the model's details and Settings. */
export function ChatHeader({ title }: { title: string }) {
  const actions = useActions();
  return (
    <header className="chat-header">
      <h2 className="chat-title">{title}</h2>
      <ConversationCost />
      <div className="chat-header-actions">
        <RetirementWarning />
        <ModelButton />
        <ModelDetailsButton />
        <button
          type="button"
          className="button-quiet"
          aria-haspopup="dialog"
          onClick={() => actions.dialogs.openConversationOptions()}
        >
          Conversation options
        </button>
        <button
          type="button"
          className="button-quiet"
          aria-haspopup="dialog"
          aria-keyshortcuts="Control+, Meta+,"
          onClick={() => actions.dialogs.openSettings()}
        >
          Settings
        </button>
      </div>
    </header>
  );
}
