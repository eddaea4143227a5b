import { useIntl } from 'react-intl';
import type { ModelSummary } from '../../../../common/chat-types';
import type { Note } from '../../i18n/note';
import { useNoteText } from '../../i18n/use-note-text';

interface AttachmentModelAlertProps {
  /** What the model cannot read (the composer's check, or main's `unsupported_input` message). */
  message: Note;
  alternatives: readonly ModelSummary[];
  /** What the remove button takes out; null: no button. */
  removes: 'images' | 'attachments' | null;
  onUseModel: (modelId: string) => void;
  onRemove: () => void;
}

/**
 * Said instead of sending when the chosen model cannot read what is attached (issue 17: never a
 * silent drop), with the two ways out: a model that can, or sending without those files.
 */
export function AttachmentModelAlert({
  message,
  alternatives,
  removes,
  onUseModel,
  onRemove,
}: AttachmentModelAlertProps) {
  const intl = useIntl();
  const noteText = useNoteText();
  return (
    <div className="attachment-model-alert">
      <p role="alert" className="composer-error">
        {intl.formatMessage({ id: 'chat.notSent' }, { reason: noteText(message) })}
      </p>
      <div className="attachment-model-actions">
        {alternatives.map((model) => (
          <button key={model.id} type="button" onClick={() => onUseModel(model.id)}>
            {intl.formatMessage({ id: 'chat.attachments.useModel' }, { model: model.name })}
          </button>
        ))}
        {removes && (
          <button type="button" onClick={onRemove}>
            {intl.formatMessage({ id: 'chat.attachments.removeUnreadable' }, { what: removes })}
          </button>
        )}
      </div>
    </div>
  );
}
