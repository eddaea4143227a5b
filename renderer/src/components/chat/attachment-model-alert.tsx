import type { ModelSummary } from '../../../../common/chat-types';

interface AttachmentModelAlertProps {
  /** What the model cannot read (the composer's check, or main's `unsupported_input` message). */
  message: string;
  alternatives: readonly ModelSummary[];
  removeLabel: string | null;
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
  removeLabel,
  onUseModel,
  onRemove,
}: AttachmentModelAlertProps) {
  return (
    <div className="attachment-model-alert">
      <p role="alert" className="composer-error">
        Not sent. {message}
      </p>
      <div className="attachment-model-actions">
        {alternatives.map((model) => (
          <button key={model.id} type="button" onClick={() => onUseModel(model.id)}>
            Use {model.name}
          </button>
        ))}
        {removeLabel && (
          <button type="button" onClick={onRemove}>
            {removeLabel}
          </button>
        )}
      </div>
    </div>
  );
}
