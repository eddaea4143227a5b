import { useId } from 'react';
import { useIntl } from 'react-intl';
import { useActions, useStores } from '../../app-context';
import { useModelSummary } from '../../hooks/use-model-summary';
import { useStoreValue } from '../../hooks/use-store-value';
import { Dialog } from '../dialog';
import { ModelDetailsPanel } from '../model-picker/model-details-panel';

/**
 * The chat's current model in detail, opened from "Model details". It is one of the window's dialogs
 * (dialogs store): the app behind it is inert and the global shortcuts stay quiet while it is open.
 */
export function ModelDetailsDialog() {
  const stores = useStores();
  const actions = useActions();
  const intl = useIntl();
  const model = useModelSummary(useStoreValue(stores.modelChoice));
  const close = () => actions.dialogs.closeModelDetails();
  return (
    <Dialog
      title={intl.formatMessage({ id: 'chat.modelDetails.title' })}
      onClose={close}
      className="model-details-dialog"
    >
      <div className="dialog-body">
        {model ? (
          <ModelDetailsPanel model={model} />
        ) : (
          // A refresh can drop the model from the list while the dialog is open.
          <p>{intl.formatMessage({ id: 'chat.modelDetails.gone' })}</p>
        )}
      </div>
    </Dialog>
  );
}

/**
 * Beside the model button: the chat's current model in detail (description, cutoff, limits, every price,
 * retirement), the same panel the picker shows for its highlighted row.
 */
export function ModelDetailsButton() {
  const stores = useStores();
  const modelId = useStoreValue(stores.modelChoice);
  const model = useModelSummary(modelId);
  const actions = useActions();
  const intl = useIntl();
  const whyId = useId();
  // Described by the model's name, or by why there is nothing to show. aria-disabled rather than
  // disabled, so the button stays in the Tab order and a screen reader can say why it does nothing.
  const about = model
    ? null
    : intl.formatMessage({ id: modelId ? 'chat.modelDetails.notListed' : 'chat.modelDetails.noModel' });
  return (
    <button
      type="button"
      className="button-quiet model-details-button"
      aria-label={intl.formatMessage({ id: 'chat.modelDetails.title' })}
      aria-describedby={whyId}
      aria-haspopup="dialog"
      aria-disabled={model ? undefined : true}
      onClick={() => {
        if (model) actions.dialogs.openModelDetails();
      }}
    >
      <span aria-hidden="true">{intl.formatMessage({ id: 'chat.modelDetails.button' })}</span>
      {model ? (
        <span id={whyId} className="visually-hidden" data-i18n-content>
          {model.name}
        </span>
      ) : (
        <span id={whyId} className="visually-hidden">
          {about}
        </span>
      )}
    </button>
  );
}
