import { useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { useDebouncedSave } from '../../hooks/use-debounced-save';
import { useSettingSaver } from '../../hooks/use-setting-saver';

const SAVE_DELAY_MS = 500;
const MAX = 1_000_000;

/** Parses the field: empty means "model default" (null); anything else must be a whole number in range. */
export function parseMaxTokens(text: string): { ok: true; value: number | null } | { ok: false } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: null };
  if (!/^\d+$/.test(trimmed)) return { ok: false };
  const value = Number(trimmed);
  return value >= 1 && value <= MAX ? { ok: true, value } : { ok: false };
}

/** Longest reply to ask for, or empty for the model's own limit. */
export function MaxTokensField({ value }: { value: number | null }) {
  const intl = useIntl();
  const id = useId();
  const [draft, setDraft] = useState(value === null ? '' : String(value));
  const [invalid, setInvalid] = useState(false);
  const { save, error } = useSettingSaver();
  const { schedule, flush } = useDebouncedSave(
    (next: number | null) => void save({ maxTokens: next }),
    SAVE_DELAY_MS,
  );
  const message = invalid
    ? intl.formatMessage({ id: 'settings.requests.maxTokens.invalid' }, { min: 1, max: MAX })
    : error;
  return (
    <div className="settings-field">
      <label htmlFor={id}>{intl.formatMessage({ id: 'settings.requests.maxTokens.label' })}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={1}
        max={MAX}
        step={1}
        value={draft}
        placeholder={intl.formatMessage({ id: 'settings.requests.modelDefault' })}
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : `${id}-hint`}
        onChange={(e) => {
          const text = e.currentTarget.value;
          setDraft(text);
          // A number field reports unparseable text as an empty value; badInput tells the two apart.
          const parsed = e.currentTarget.validity?.badInput ? { ok: false as const } : parseMaxTokens(text);
          setInvalid(!parsed.ok);
          if (parsed.ok) schedule(parsed.value);
        }}
        onBlur={flush}
      />
      <p id={`${id}-hint`} className="field-hint">
        {intl.formatMessage({ id: 'settings.requests.maxTokens.hint' })}
      </p>
      {message && (
        <p id={`${id}-error`} role="alert" className="field-error">
          {message}
        </p>
      )}
    </div>
  );
}
