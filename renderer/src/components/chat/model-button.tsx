import { useId } from 'react';
import { useIntl } from 'react-intl';
import { useActions, useStores } from '../../app-context';
import { useModelName } from '../../hooks/use-model-name';
import { useStoreValue } from '../../hooks/use-store-value';

/** Shows the model the composer sends with; opens the picker (also Ctrl/Cmd+K). */
export function ModelButton() {
  const stores = useStores();
  const actions = useActions();
  const intl = useIntl();
  const model = useStoreValue(stores.modelChoice);
  const name = useModelName(model);
  const currentId = useId();
  return (
    <button
      type="button"
      className="model-button"
      aria-label={intl.formatMessage({ id: 'chat.model.label' })}
      aria-describedby={currentId}
      aria-haspopup="dialog"
      aria-keyshortcuts="Control+K Meta+K"
      onClick={() => actions.dialogs.openPicker('chat')}
    >
      <span className="model-button-caption" aria-hidden="true">
        {intl.formatMessage({ id: 'chat.model.label' })}
      </span>
      {name === null ? (
        <span id={currentId} className="model-button-name">
          {intl.formatMessage({ id: 'chat.model.none' })}
        </span>
      ) : (
        <span id={currentId} className="model-button-name" data-i18n-content>
          {name}
        </span>
      )}
    </button>
  );
}
