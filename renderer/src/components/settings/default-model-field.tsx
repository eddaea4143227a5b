import { useActions } from '../../app-context';
import { useModelName } from '../../hooks/use-model-name';
import { useSettingSaver } from '../../hooks/use-setting-saver';

/** The model new chats start with; chosen with the same picker as the chat's model. */
export function DefaultModelField({ value }: { value: string | null }) {
  const actions = useActions();
  const name = useModelName(value);
  const { save, error } = useSettingSaver();
  return (
    <div className="settings-field">
      <p className="field-label" id="settings-default-model">
        Default model
      </p>
      <p className="field-value">{name ?? 'None: new chats use the last model you chose'}</p>
      <div className="button-row">
        <button
          type="button"
          aria-describedby="settings-default-model"
          onClick={() => actions.dialogs.openPicker('default-model')}
        >
          Change default model
        </button>
        {value !== null && (
          <button type="button" className="button-quiet" onClick={() => void save({ defaultModel: null })}>
            Clear default
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
