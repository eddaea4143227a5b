import { useEffect, useRef, useState } from 'react';
import { useIntl } from 'react-intl';

interface EditMessageFormProps {
  initial: string;
  onSave: (content: string) => Promise<string | null>;
  onCancel: () => void;
}

/** Inline editor for a sent message; saving drops the replies after it and asks again. */
export function EditMessageForm({ initial, onSave, onCancel }: EditMessageFormProps) {
  const intl = useIntl();
  const [value, setValue] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const ref = useRef<HTMLTextAreaElement>(null);

  useEffect(() => ref.current?.focus(), []);

  const save = async () => {
    if (!value.trim() || saving) return;
    setSaving(true);
    const failure = await onSave(value);
    setSaving(false);
    setError(failure);
  };

  return (
    <form
      className="edit-message"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <textarea
        ref={ref}
        aria-label={intl.formatMessage({ id: 'messages.edit.label' })}
        data-i18n-content
        value={value}
        rows={Math.min(12, Math.max(3, value.split('\n').length))}
        onChange={(e) => setValue(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onCancel();
          }
        }}
      />
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button-primary" disabled={!value.trim() || saving}>
          {intl.formatMessage({ id: 'messages.edit.save' })}
        </button>
        <button type="button" onClick={onCancel}>
          {intl.formatMessage({ id: 'messages.edit.cancel' })}
        </button>
      </div>
    </form>
  );
}
