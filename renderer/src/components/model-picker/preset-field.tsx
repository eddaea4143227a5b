import { useId, useState } from 'react';
import { useIntl } from 'react-intl';
import { ModelIdSchema } from '../../../../common/request-options';

/** Reads "@preset/slug" or a bare "slug" as an OpenRouter preset id, or says what is wrong. */
export function parsePreset(text: string): { ok: true; id: string } | { ok: false; messageId: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, messageId: 'modelPicker.preset.empty' };
  const id = trimmed.startsWith('@preset/') ? trimmed : `@preset/${trimmed}`;
  const parsed = ModelIdSchema.safeParse(id);
  if (!parsed.success || !id.startsWith('@preset/')) {
    return { ok: false, messageId: 'modelPicker.preset.invalid' };
  }
  return { ok: true, id };
}

/**
 * An OpenRouter preset (`@preset/slug`, made at openrouter.ai/settings/presets) used as the model:
 * the preset's own model, provider and parameters then apply.
 */
export function PresetField({ onUse }: { onUse(modelId: string): void }) {
  const intl = useIntl();
  const id = useId();
  const [text, setText] = useState('');
  // The message's id, translated when shown, so a language switch updates it.
  const [errorId, setErrorId] = useState<string | null>(null);
  const error = errorId === null ? null : intl.formatMessage({ id: errorId });
  const use = () => {
    const parsed = parsePreset(text);
    if (parsed.ok) onUse(parsed.id);
    else setErrorId(parsed.messageId);
  };
  return (
    <div className="preset-field">
      <label htmlFor={id}>{intl.formatMessage({ id: 'modelPicker.preset.label' })}</label>
      <input
        id={id}
        type="text"
        placeholder={intl.formatMessage({ id: 'modelPicker.preset.placeholder' })}
        spellCheck={false}
        autoComplete="off"
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => {
          setText(e.currentTarget.value);
          setErrorId(null);
        }}
        onKeyDown={(e) => {
          if (e.key !== 'Enter') return;
          e.preventDefault();
          e.stopPropagation();
          use();
        }}
      />
      <button type="button" className="button-quiet" onClick={use}>
        {intl.formatMessage({ id: 'modelPicker.preset.use' })}
      </button>
      {error && (
        <p id={`${id}-error`} role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  );
}
