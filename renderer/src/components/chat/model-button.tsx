import { useId } from 'react';
import { useActions, useStores } from '../../app-context';
import { useModelName } from '../../hooks/use-model-name';
import { useStoreValue } from '../../hooks/use-store-value';

/** Shows the model the composer sends with; opens the picker (also Ctrl/Cmd+K). */
export function ModelButton() {
  const stores = useStores();
  const actions = useActions();
  const model = useStoreValue(stores.modelChoice);
  const name = useModelName(model);
  const currentId = useId();
  return (
    <button
      type="button"
      className="model-button"
      aria-label="Model"
      aria-describedby={currentId}
      aria-haspopup="dialog"
      aria-keyshortcuts="Control+K Meta+K"
      onClick={() => actions.dialogs.openPicker('chat')}
    >
      <span className="model-button-caption" aria-hidden="true">
        Model
      </span>
      <span id={currentId} className="model-button-name">
        {name ?? 'None chosen'}
      </span>
    </button>
  );
}
