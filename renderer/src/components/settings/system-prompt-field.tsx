import { useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { useDebouncedSave } from '../../hooks/use-debounced-save';
import { useSettingSaver } from '../../hooks/use-setting-saver';

const SAVE_DELAY_MS = 600;

/** The system prompt main puts before every conversation; saved shortly after typing stops. */
export function SystemPromptField({ value }: { value: string }) {
  const intl = useIntl();
  const id = useId();
  const [draft, setDraft] = useState(value);
  const { save, error } = useSettingSaver();
  const { schedule, flush } = useDebouncedSave(
    (next: string) => void save({ systemPrompt: next }),
    SAVE_DELAY_MS,
  );
  return (
    <div className="settings-field">
      <label htmlFor={id}>{intl.formatMessage({ id: 'settings.requests.systemPrompt.label' })}</label>
      <textarea
        id={id}
        rows={4}
        // The person's own words: never marked as untranslated text.
        data-i18n-content
        value={draft}
        maxLength={20_000}
        aria-describedby={`${id}-hint`}
        aria-invalid={error ? true : undefined}
        onChange={(e) => {
          setDraft(e.currentTarget.value);
          schedule(e.currentTarget.value);
        }}
        onBlur={flush}
      />
      <p id={`${id}-hint`} className="field-hint">
        {intl.formatMessage({ id: 'settings.requests.systemPrompt.hint' })}
      </p>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
