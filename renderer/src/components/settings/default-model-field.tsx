import { useIntl } from 'react-intl';
import { useActions } from '../../app-context';
import { useModelName } from '../../hooks/use-model-name';
import { useSettingSaver } from '../../hooks/use-setting-saver';

/** The model new chats start with; chosen with the same picker as the chat's model. */
export function DefaultModelField({ value }: { value: string | null }) {
  const intl = useIntl();
  const actions = useActions();
  const name = useModelName(value);
  const { save, error } = useSettingSaver();
  return (
    <div className="settings-field">
      <p className="field-label" id="settings-default-model">
        {intl.formatMessage({ id: 'settings.requests.defaultModel.label' })}
      </p>
      {name !== null ? (
        // A model's name is OpenRouter's, not the app's: left as it is.
        <p className="field-value" data-i18n-content>
          {name}
        </p>
      ) : (
        <p className="field-value">{intl.formatMessage({ id: 'settings.requests.defaultModel.none' })}</p>
      )}
      <div className="button-row">
        <button
          type="button"
          aria-describedby="settings-default-model"
          onClick={() => actions.dialogs.openPicker('default-model')}
        >
          {intl.formatMessage({ id: 'settings.requests.defaultModel.change' })}
        </button>
        {value !== null && (
          <button type="button" className="button-quiet" onClick={() => void save({ defaultModel: null })}>
            {intl.formatMessage({ id: 'settings.requests.defaultModel.clear' })}
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
