import { useActions } from '../../app-context';
import { ModelButton } from './model-button';

/** The open conversation's title, the model picker button and Settings. */
export function ChatHeader({ title }: { title: string }) {
  const actions = useActions();
  return (
    <header className="chat-header">
      <h2 className="chat-title">{title}</h2>
      <div className="chat-header-actions">
        <ModelButton />
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
